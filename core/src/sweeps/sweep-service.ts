import { resolveBacktestConfig } from '@nautilus/runtime';
import { type BacktestConfig, type FieldIssue, NautilusError, type Timeframe } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { getStrategy, saveStrategy } from '../strategies/strategy-store.ts';
import { advanceSweep, bestPoint } from './advance-sweep.ts';
import { withParamDefaults } from './param-defaults.ts';
import type { SweepExecutor } from './sweep-executor.ts';
import { buildGrid, MAX_SWEEP_POINTS, type ParamPoint, type SweepAxis, sampleGrid } from './sweep-grid.ts';
import { type OverfittingStatistics, overfittingStatistics } from './sweep-statistics.ts';
import {
  cancelSweep,
  getSweepRecord,
  insertSweep,
  keyOf,
  listRunningSweeps,
  listSweeps,
  type NewPoint,
  returnsOf,
  type StoredSweepRequest,
  type SweepPointView,
  type SweepRecord,
  sweepPoints,
} from './sweep-store.ts';
import { walkForwardFolds } from './walk-forward.ts';

/** What `sweeps.create` asks for. */
export interface SweepRequest {
  strategyId: string;
  version?: number | undefined;
  mode: 'grid' | 'random' | 'walk-forward';
  axes: Record<string, SweepAxis>;
  /** Random mode (and optionally walk-forward): points drawn from the grid. */
  budget?: number | undefined;
  /** Random mode: the generator's seed (default 1), so a sweep can be repeated exactly. */
  seed?: number | undefined;
  walkForward?: { folds: number; inSampleWindows?: number | undefined } | undefined;
  metric?: 'sharpe' | 'totalReturn' | undefined;
  config?: BacktestConfig | undefined;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
}

export interface WalkForwardFold {
  fold: number;
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
  chosen: ParamPoint | null;
  inSampleMetric: number | null;
  outOfSampleMetric: number | null;
}

/** A sweep as `sweeps.get` returns it: progress, every point with its result so far, and the statistics. */
export interface SweepView extends SweepRecord {
  progress: { total: number; done: number; failed: number; pending: number };
  points: SweepPointView[];
  best: SweepPointView | null;
  statistics: OverfittingStatistics | null;
  folds: WalkForwardFold[] | null;
}

/**
 * Sweeps over a strategy version's declared params: builds the points (grid, seeded random sample,
 * or walk-forward in-sample grids), stores them and queues the ones without a stored result on the
 * executor (BullMQ workers with Redis, this process without). `get` reads progress and partial
 * results straight from the database, so any instance can serve it.
 */
export class SweepService {
  readonly #statistics = new Map<string, { done: number; statistics: OverfittingStatistics }>();
  readonly #options: { db: Kysely<Tables>; plugins: PluginHost; executor: SweepExecutor };

  constructor(options: { db: Kysely<Tables>; plugins: PluginHost; executor: SweepExecutor }) {
    this.#options = options;
  }

  get executorKind(): SweepExecutor['kind'] {
    return this.#options.executor.kind;
  }

  async create(userId: string | null, request: SweepRequest): Promise<{ id: string; total: number; queued: number }> {
    const { db, plugins, executor } = this.#options;
    const strategy = await getStrategy(db, request.strategyId, request.version);
    const issues: FieldIssue[] = [];
    if (!(request.from < request.to)) issues.push({ path: 'range.from', message: 'must be before range.to' });
    const { descriptor } = plugins.checkQuery(request.dataSource, { symbol: request.symbol, timeframe: request.timeframe });
    if (!descriptor.frames.includes('ohlcv'))
      issues.push({ path: 'dataSource', message: `${request.dataSource} does not return OHLCV bars` });
    if (request.mode === 'random' && request.budget === undefined)
      issues.push({ path: 'budget', message: 'is required in random mode' });
    if (request.mode === 'walk-forward' && !request.walkForward)
      issues.push({ path: 'walkForward', message: 'is required in walk-forward mode' });
    if (issues.length > 0) throw NautilusError.validation('sweep', issues);
    const config = resolveBacktestConfig(request.config, request.timeframe);
    const seed = request.seed ?? 1;
    const grid = buildGrid(strategy.params, request.axes);
    const sample = request.budget !== undefined && request.mode !== 'grid' ? sampleGrid(grid, request.budget, seed) : grid;
    const metric = request.metric ?? 'sharpe';
    let points: NewPoint[];
    let total: number;
    let walkForward: StoredSweepRequest['walkForward'];
    if (request.mode === 'walk-forward') {
      const folds = walkForwardFolds(request.from, request.to, request.walkForward!);
      total = folds.length * (sample.length + 1);
      if (total > MAX_SWEEP_POINTS) {
        throw NautilusError.validation('sweep', [
          {
            path: 'walkForward.folds',
            message: `${folds.length} folds of ${sample.length} points give ${total} backtests; at most ${MAX_SWEEP_POINTS}`,
          },
        ]);
      }
      points = folds.flatMap((fold) =>
        sample.map((params) => ({ phase: 'in-sample' as const, fold: fold.fold, params, ...fold.inSample })),
      );
      walkForward = { folds: folds.length, inSampleWindows: request.walkForward!.inSampleWindows ?? 1, gridSize: sample.length };
    } else {
      points = sample.map((params) => ({ phase: 'grid' as const, fold: -1, params, from: request.from, to: request.to }));
      total = points.length;
    }
    const stored: StoredSweepRequest = {
      kind: request.mode,
      axes: request.axes,
      dataSource: request.dataSource,
      symbol: request.symbol,
      timeframe: request.timeframe,
      from: request.from,
      to: request.to,
      config,
      metric,
      seed: request.mode === 'grid' ? undefined : seed,
      budget: request.budget,
      walkForward,
    };
    const { id, jobs } = await insertSweep(
      db,
      { strategyId: strategy.id, version: strategy.version, request: stored, total, createdBy: userId },
      points,
    );
    await executor.enqueue(jobs);
    // Every point may have a result from an earlier sweep already: settle it now, not on a job that never comes.
    if (jobs.length === 0) {
      await advanceSweep(db, id, (more) => executor.enqueue(more));
    }
    return { id, total, queued: jobs.length };
  }

  async get(id: string): Promise<SweepView> {
    const { db } = this.#options;
    const record = await getSweepRecord(db, id);
    const points = await sweepPoints(db, id);
    const count = (status: SweepPointView['status']) => points.filter((point) => point.status === status).length;
    const done = count('done');
    const failed = count('failed');
    const metric = record.request.metric;
    const ranked = points.filter((point) => point.phase !== 'in-sample');
    let statistics: OverfittingStatistics | null = null;
    let folds: WalkForwardFold[] | null = null;
    if (record.request.walkForward) {
      folds = walkForwardFolds(record.request.from, record.request.to, record.request.walkForward).map((fold) => {
        const inSample = points.filter((point) => point.phase === 'in-sample' && point.fold === fold.fold);
        const outOfSample = points.find((point) => point.phase === 'out-of-sample' && point.fold === fold.fold);
        const chosen = outOfSample ? (bestPoint(inSample, metric) ?? null) : null;
        return {
          ...fold,
          chosen: outOfSample?.params ?? null,
          inSampleMetric: chosen?.metrics?.[metric] ?? null,
          outOfSampleMetric: outOfSample?.metrics?.[metric] ?? null,
        };
      });
    } else {
      const grid = points.filter((point) => point.status === 'done');
      // Polled every second or so by the UI: recomputed only when more points have finished.
      const cached = this.#statistics.get(id);
      if (cached?.done === grid.length) statistics = cached.statistics;
      else {
        const returns = await returnsOf(
          db,
          grid.map((point) => point.hash),
        );
        statistics = overfittingStatistics(grid, returns, metric);
        this.#statistics.set(id, { done: grid.length, statistics });
        if (this.#statistics.size > 50) this.#statistics.delete(this.#statistics.keys().next().value as string);
      }
    }
    return {
      ...record,
      progress: { total: record.total, done, failed, pending: record.total - done - failed },
      points,
      best:
        (ranked.some((point) => point.status === 'done')
          ? bestPoint(
              ranked.filter((point) => point.status === 'done'),
              metric,
            )
          : undefined) ?? null,
      statistics,
      folds,
    };
  }

  list(filter: { strategyId?: string | undefined; limit: number }): Promise<SweepRecord[]> {
    return listSweeps(this.#options.db, filter);
  }

  /**
   * Saves a new version of the sweep's strategy whose declared defaults are one point's params: the
   * sweep's version's source with its `default:` values rewritten, on top of the latest version
   * (`baseVersion` guards against a save in between, as in the Lab).
   */
  async saveAsVersion(
    userId: string,
    input: { id: string; idx: number; baseVersion: number },
  ): Promise<{ id: string; version: number; params: ParamPoint }> {
    const { db } = this.#options;
    const record = await getSweepRecord(db, input.id);
    const point = (await sweepPoints(db, input.id)).find((item) => item.idx === input.idx);
    if (!point)
      throw NautilusError.validation('sweep', [{ path: 'idx', message: `sweep ${input.id} has no point ${input.idx}` }]);
    const strategy = await getStrategy(db, record.strategyId, record.version);
    const source = withParamDefaults(strategy.source, point.params);
    const described = Object.entries(point.params)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    const saved = await saveStrategy(db, userId, {
      id: record.strategyId,
      baseVersion: input.baseVersion,
      source,
      message: `Params from sweep point ${input.idx} (${described})`,
    });
    return { id: saved.id, version: saved.version, params: point.params };
  }

  cancel(id: string): Promise<SweepRecord> {
    return cancelSweep(this.#options.db, id);
  }

  /**
   * Queues again the unfinished points of every running sweep, and settles the ones that have all
   * their results: an in-process queue dies with its server, so a restarted server picks its sweeps
   * up here. With BullMQ it is harmless (job ids are point hashes; stored points are skipped).
   */
  async resume(): Promise<number> {
    const { db, executor } = this.#options;
    const running = await listRunningSweeps(db);
    let queued = 0;
    for (const sweep of running) {
      const pending = (await sweepPoints(db, sweep.id)).filter((point) => point.status === 'pending');
      const jobs = pending.map((point) => {
        return { hash: point.hash, key: keyOf(sweep, point) };
      });
      await executor.enqueue(jobs);
      queued += jobs.length;
      await advanceSweep(db, sweep.id, (more) => executor.enqueue(more));
    }
    return queued;
  }

  close(): Promise<void> {
    return this.#options.executor.close();
  }
}
