import { NautilusError } from '@nautilus/sdk';
import { getRun } from '../backtests/backtest-store.ts';
import { equityTearSheet, type Parts, type TearSheetOptions } from './equity-tear-sheet.ts';
import type { TearSheetView } from './tear-sheet-view.ts';

/**
 * A finished backtest run's tear sheet: from the equity at each UTC day's last bar (exact for daily
 * runs), the run's trades and exposure, against a benchmark's daily closes.
 */
export async function backtestTearSheet(
  services: Parts,
  id: string,
  options: TearSheetOptions,
  signal?: AbortSignal,
): Promise<TearSheetView> {
  const run = await getRun(services.db, id);
  if (run.status !== 'done' || !run.result) {
    throw NautilusError.validation('run', [
      { path: 'id', message: `run ${id} is ${run.status}; a tear sheet needs a finished run` },
    ]);
  }
  const result = run.result;
  const notes: string[] = [];
  const daily = result.daily ?? { time: result.curve.time, equity: result.curve.equity };
  const source = result.daily
    ? `equity at each UTC day's last bar (${daily.time.length} days of ${result.bars} ${result.timeframe} bars)`
    : `the stored curve (${daily.time.length} of ${result.bars} bars; a run stored before daily closes were kept)`;
  if (result.stored.trades.kept < result.stored.trades.total) {
    notes.push(`trade figures from the first ${result.stored.trades.kept} of ${result.stored.trades.total} trades the run kept`);
  }
  return equityTearSheet(
    services,
    { ...daily, initialValue: run.config.initialCash, trades: result.trades, exposure: result.metrics.exposure, source, notes },
    options,
    signal,
  );
}
