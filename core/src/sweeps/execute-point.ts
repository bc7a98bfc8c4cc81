import { hostname } from 'node:os';
import { type CompiledStrategy, compileStrategy, DEFAULT_LIMITS, runBacktest } from '@nautilus/runtime';
import type { OhlcvFrame, ResolvedBacktestConfig, Timeframe } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { loadBars } from '../backtests/load-bars.ts';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { describeFailure } from '../strategies/describe-failure.ts';
import { getStrategy } from '../strategies/strategy-store.ts';
import type { PointKey } from './point-hash.ts';
import { sweepDb } from './sweep-tables.ts';

/** A queued point: its hash (the job id) and everything needed to run it. */
export interface PointJob {
  hash: string;
  key: PointKey;
}

/** What a sweep keeps of one backtest. */
export interface PointMetrics {
  sharpe: number | null;
  totalReturn: number | null;
  maxDrawdown: number | null;
  trades: number;
  bars: number;
}

export interface PointRunner {
  /** Runs the point unless its result is stored already; true when this call stored it. */
  run(job: PointJob): Promise<boolean>;
}

/** Most returns kept per result (one year of hourly bars fits). */
const MAX_RETURNS = 10_000;
const CACHED_BARS = 8;

/** This process as a worker name: `<host>:<pid>`. */
export const WORKER_NAME = `${hostname()}:${process.pid}`;

/**
 * Runs sweep points: compiles each strategy version once and keeps the last few bar ranges loaded
 * (a sweep runs many params on the same bars), runs the backtest sandboxed and stores its metrics
 * and bar returns under the point's hash. A point whose hash has a result already is skipped, which
 * makes a retried job (after a worker died) idempotent; the insert counts a second store, which
 * the worker-kill test asserts never happens.
 */
export function createPointRunner(options: {
  db: Kysely<Tables>;
  plugins: PluginHost;
  maxBars: number;
  worker?: string;
}): PointRunner {
  const db = sweepDb(options.db);
  const compiled = new Map<string, Promise<CompiledStrategy>>();
  const bars = new Map<string, Promise<OhlcvFrame>>();
  const barsOf = (key: PointKey) => {
    const id = `${key.dataSource}|${key.symbol}|${key.timeframe}|${key.from}|${key.to}`;
    let frame = bars.get(id);
    if (!frame) {
      frame = loadBars(options.plugins, { ...key, timeframe: key.timeframe as Timeframe }, options.maxBars);
      frame.catch(() => bars.delete(id));
      bars.set(id, frame);
      if (bars.size > CACHED_BARS) bars.delete(bars.keys().next().value as string);
    }
    return frame;
  };
  const compiledOf = (key: PointKey) => {
    const id = `${key.strategyId}@${key.version}`;
    let entry = compiled.get(id);
    if (!entry) {
      entry = getStrategy(options.db, key.strategyId, key.version).then((strategy) => compileStrategy(strategy.source));
      entry.catch(() => compiled.delete(id));
      compiled.set(id, entry);
    }
    return entry;
  };
  return {
    async run({ hash, key }) {
      const existing = await db.selectFrom('sweep_results').select('hash').where('hash', '=', hash).executeTakeFirst();
      if (existing) return false;
      const started = performance.now();
      let row: { metrics: string | null; returns: string | null; error: string | null };
      try {
        const result = await runBacktest({
          compiled: await compiledOf(key),
          bars: await barsOf(key),
          params: key.params,
          config: key.config as ResolvedBacktestConfig,
          limits: DEFAULT_LIMITS,
        });
        const equity = result.curve.equity;
        const returns: number[] = [];
        for (let index = 1; index < equity.length && returns.length < MAX_RETURNS; index++) {
          const previous = equity[index - 1]!;
          returns.push(previous === 0 ? 0 : equity[index]! / previous - 1);
        }
        const metrics: PointMetrics = {
          sharpe: result.metrics.sharpe,
          totalReturn: result.metrics.totalReturn,
          maxDrawdown: result.metrics.maxDrawdown,
          trades: result.trades.length + result.dropped.trades,
          bars: result.bars,
        };
        row = { metrics: JSON.stringify(metrics), returns: JSON.stringify(returns), error: null };
      } catch (error) {
        row = { metrics: null, returns: null, error: JSON.stringify(describeFailure(error).error) };
      }
      const stored = await db
        .insertInto('sweep_results')
        .values({ hash, ...row, worker: options.worker ?? WORKER_NAME, duration_ms: Math.round(performance.now() - started) })
        .onConflict((conflict) =>
          conflict.column('hash').doUpdateSet((eb) => ({ stored_count: eb('sweep_results.stored_count', '+', 1) })),
        )
        .returning('stored_count')
        .executeTakeFirstOrThrow();
      return stored.stored_count === 1;
    },
  };
}
