import { getPortfolio } from '../risk/portfolio-store.ts';
import { loadDailyCloses } from '../risk/price-history.ts';
import { type Actor, requirePermission } from '../sharing/permissions.ts';
import { equityTearSheet, type Parts, type TearSheetOptions } from './equity-tear-sheet.ts';
import { holdingsValue } from './holdings-value.ts';
import type { TearSheetView } from './tear-sheet-view.ts';

/**
 * A portfolio's tear sheet (for callers who may view it): its current holdings held unchanged over
 * the last `days` daily closes (default 252), valued as P&L on its capital. A portfolio has no
 * trades, so the trade figures are empty; exposure is 1.
 */
export async function portfolioTearSheet(
  services: Parts,
  user: Actor,
  id: string,
  options: TearSheetOptions & { days?: number | undefined },
  signal?: AbortSignal,
): Promise<TearSheetView> {
  await requirePermission(services.db, user, 'portfolio', id, 'view');
  const portfolio = await getPortfolio(services.db, id);
  const days = options.days ?? 252;
  const prices =
    portfolio.positions.length === 0
      ? {}
      : await loadDailyCloses(
          services.plugins,
          portfolio.dataSource,
          portfolio.positions.map((position) => position.symbol),
          days,
          Date.now(),
        );
  const value = holdingsValue(portfolio.positions, prices, portfolio.capital);
  const keep = Math.max(0, value.time.length - (days + 1));
  return equityTearSheet(
    services,
    {
      time: value.time.slice(keep),
      // P&L from the window's first close: capital + Σ q·(close_t − close_start).
      equity: value.value.slice(keep).map((level) => portfolio.capital + level - value.value[keep]!),
      trades: [],
      exposure: portfolio.positions.length > 0 ? 1 : 0,
      source: `today's ${portfolio.positions.length} holdings held over the last ${value.time.length - keep} daily closes, valued as P&L on the capital (${portfolio.capital})`,
      notes: value.droppedDates > 0 ? [`${value.droppedDates} dates some holding lacked were left out`] : [],
    },
    options,
    signal,
  );
}
