import { type BacktestResult, isNautilusError, NautilusError, type OhlcvFrame } from '@nautilus/sdk';
import { BacktestRecorder } from './backtest-recorder.ts';
import { barCount } from './pack-bars.ts';
import { createStrategyRunner, type StrategyRunnerOptions } from './strategy-runner.ts';
import type { RunUsage } from './strategy-session.ts';

export interface BacktestOptions extends Omit<StrategyRunnerOptions, 'timeframe' | 'symbol'> {
  /** The bars to trade, oldest first (e.g. from a data source plugin; the simulated market by default). */
  bars: OhlcvFrame;
  /** Called after every batch of bars, for a progress bar. */
  onProgress?: (progress: BacktestProgress) => void;
}

export interface BacktestProgress {
  bars: number;
  totalBars: number;
  usage: RunUsage;
}

/**
 * Runs a strategy over bars, sandboxed by default, and returns equity and drawdown curves, orders,
 * fills, trades, logs and metrics. The same source, params, config and bars always give the same
 * result, sandboxed or not. Throws VALIDATION (compile errors, bad params or bars, a strategy that
 * throws: `details` has the callback, bar, line, column and the logs so far), SANDBOX_TIMEOUT or
 * SANDBOX_MEMORY.
 * @example
 * const result = await runBacktest({ source, bars, params: { fast: 10 }, config: { initialCash: 10_000 } });
 * console.log(result.metrics.sharpe);
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const frame = options.bars;
  if (frame?.kind !== 'ohlcv') throw NautilusError.validation('backtest', [{ path: 'bars', message: 'must be an OhlcvFrame' }]);
  const total = barCount(frame);
  if (total === 0) throw NautilusError.validation('backtest', [{ path: 'bars', message: 'must hold at least one bar' }]);
  const runner = await createStrategyRunner({ ...options, timeframe: frame.timeframe, symbol: frame.symbol });
  const recorder = new BacktestRecorder(total);
  const batch = options.batchBars ?? 50_000;
  try {
    recorder.add(await runner.start(frame.time[0]!));
    for (let from = 0; from < total; from += batch) {
      const to = Math.min(total, from + batch);
      recorder.add(await runner.push(frame, { from, to }));
      options.onProgress?.({ bars: to, totalBars: total, usage: runner.usage() });
    }
    recorder.add(await runner.stop());
    return recorder.result(frame, runner);
  } catch (error) {
    // A strategy error carries its own batch's logs; the lines before them help just as much.
    if (isNautilusError(error) && Array.isArray(error.details.logs))
      error.details.logs = [...recorder.logs, ...error.details.logs];
    throw error;
  } finally {
    runner.dispose();
  }
}
