import { getDeployment } from '../deployments/deployment-store.ts';
import { dailyEquity } from './daily-equity.ts';
import { equityTearSheet, type Parts, type TearSheetOptions } from './equity-tear-sheet.ts';
import type { TearSheetView } from './tear-sheet-view.ts';

/** Days of history from which a deployment is read on daily closes rather than bar by bar. */
const DAILY_FROM_DAYS = 20;

/**
 * A paper deployment's tear sheet from the equity it keeps of its last bars (ACTIVITY_LIMITS: 2,000)
 * and its recent trades: on daily closes once they span 20 days or more, else bar by bar (periods
 * per year inferred from the bar spacing). Its notes say how much history that is.
 */
export async function deploymentTearSheet(
  services: Parts,
  id: string,
  options: TearSheetOptions,
  signal?: AbortSignal,
): Promise<TearSheetView> {
  const deployment = await getDeployment(services.db, id);
  const activity = deployment.activity;
  const bars = activity?.equity ?? { time: [], equity: [] };
  const daily = dailyEquity(bars.time, bars.equity);
  const useDaily = daily.time.length >= DAILY_FROM_DAYS;
  const series = useDaily ? daily : bars;
  const notes = [
    `the deployment keeps its last ${bars.time.length} bars of equity and ${activity?.trades.length ?? 0} most recent trades`,
  ];
  if (activity && activity.totals.trades > activity.trades.length) {
    notes.push(`trade figures from the last ${activity.trades.length} of ${activity.totals.trades} trades`);
  }
  return equityTearSheet(
    services,
    {
      time: series.time,
      equity: series.equity,
      initialValue: deployment.config.initialCash,
      trades: activity?.trades ?? [],
      source: useDaily
        ? `equity at each UTC day's last bar (${daily.time.length} days of ${bars.time.length} ${deployment.timeframe} bars kept)`
        : `equity at each of the ${bars.time.length} ${deployment.timeframe} bars kept (under ${DAILY_FROM_DAYS} days: read bar by bar)`,
      notes,
    },
    options,
    signal,
  );
}
