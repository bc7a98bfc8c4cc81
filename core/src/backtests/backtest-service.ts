import { DEFAULT_LIMITS, resolveBacktestConfig, runBacktest } from '@nautilus/runtime';
import {
  type BacktestConfig,
  type Bus,
  NautilusError,
  type OhlcvFrame,
  type ResolvedBacktestConfig,
  resolveParams,
  type Timeframe,
} from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { alertOf, recordAlerts } from '../risk/alert-store.ts';
import { describeFailure, type RunError } from '../strategies/describe-failure.ts';
import { getStrategy } from '../strategies/strategy-store.ts';
import { failUnfinishedRuns, finishRun, getRun, heartbeat, insertRun, markRunning, recordProgress } from './backtest-store.ts';
import { loadBars, trimBars } from './load-bars.ts';
import { toStoredResult } from './stored-result.ts';

/** What `backtests.run` asks for. */
export interface BacktestRequest {
  strategyId: string;
  /** Default: the latest version. */
  version?: number | undefined;
  params?: Record<string, unknown> | undefined;
  config?: BacktestConfig | undefined;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
}

export interface BacktestServiceOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  logger: Logger;
  /** This server instance: its runs are the ones it heartbeats and fails when it stops. */
  instanceId: string;
  /** Runs at once; more wait as `queued`. */
  concurrency: number;
  maxBars: number;
  /** A run whose heartbeat is older than this is taken for dead (its instance stopped). */
  staleAfterMs?: number;
  /** Where a finished run's limit findings are published as alerts (and stored); none when omitted. */
  bus?: Bus;
}

const HEARTBEAT_MS = 5_000;
const PROGRESS_WRITE_MS = 250;

const stopped = (why: string): RunError => ({ code: 'INTERNAL', message: why, fields: [], details: {}, plugin: null });

/**
 * Runs backtests in the background: `submit` checks everything that can be checked up front
 * (strategy version, params against its spec, config, data source and symbol), stores the run as
 * `queued` and returns its id at once; the run then loads its bars through the plugin host, runs
 * sandboxed and stores its result, writing `progress` (0..1) as it goes so a client can poll
 * `backtests.get`. Runs of an instance that died are marked failed by whichever instance notices.
 */
export class BacktestService {
  readonly #options: BacktestServiceOptions;
  readonly #queue: (() => Promise<void>)[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #timer: NodeJS.Timeout;
  #closing = false;

  constructor(options: BacktestServiceOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.#maintain(), HEARTBEAT_MS);
    this.#timer.unref();
  }

  /** Backtests of this instance waiting for a slot and running now (read by /metrics). */
  load(): { queued: number; running: number } {
    return { queued: this.#queue.length, running: this.#running.size };
  }

  /** Marks runs left unfinished by instances that stopped; call once at start. */
  async start(): Promise<void> {
    await this.#maintain();
  }

  async submit(userId: string, request: BacktestRequest): Promise<{ id: string }> {
    if (this.#closing) throw new NautilusError('CONFLICT', 'The server is shutting down; run the backtest again in a moment.');
    const { db, plugins, instanceId } = this.#options;
    const strategy = await getStrategy(db, request.strategyId, request.version);
    const params = resolveParams(strategy.params, request.params);
    const config = resolveBacktestConfig(request.config, request.timeframe);
    const { descriptor } = plugins.checkQuery(request.dataSource, { symbol: request.symbol, timeframe: request.timeframe });
    if (!descriptor.frames.includes('ohlcv')) {
      throw NautilusError.validation('backtest', [
        { path: 'dataSource', message: `${request.dataSource} does not return OHLCV bars` },
      ]);
    }
    if (!(request.from < request.to)) {
      throw NautilusError.validation('backtest', [{ path: 'range.from', message: 'must be before range.to' }]);
    }
    const id = await insertRun(db, {
      strategyId: strategy.id,
      version: strategy.version,
      params,
      config,
      dataSource: request.dataSource,
      symbol: request.symbol,
      timeframe: request.timeframe,
      from: request.from,
      to: request.to,
      owner: instanceId,
      createdBy: userId,
    });
    const name = `${strategy.name} v${strategy.version} on ${request.symbol} ${request.timeframe}`;
    this.#enqueue(() => this.#run(id, name, strategy.source, params, config, request));
    return { id };
  }

  /**
   * The bars a run trades on, from its data source over its range (for its price chart and buy &
   * hold): cut to the run's last bar once it is done, so a bar that closed since is not added.
   */
  async bars(id: string): Promise<OhlcvFrame> {
    const { db, plugins, maxBars } = this.#options;
    const run = await getRun(db, id);
    const bars = await loadBars(plugins, run, maxBars);
    return run.result ? trimBars(bars, run.result.from, run.result.to) : bars;
  }

  /** Stops taking runs, marks queued and running ones failed, and waits for running ones to let go. */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#timer);
    this.#queue.length = 0;
    await Promise.allSettled([...this.#running]);
    await failUnfinishedRuns(
      this.#options.db,
      { owner: this.#options.instanceId },
      stopped('The server stopped before this run finished; run it again.'),
    ).catch(() => {});
  }

  #enqueue(job: () => Promise<void>): void {
    this.#queue.push(job);
    this.#drain();
  }

  #drain(): void {
    while (!this.#closing && this.#running.size < this.#options.concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      const running: Promise<void> = job().finally(() => {
        this.#running.delete(running);
        this.#drain();
      });
      this.#running.add(running);
    }
  }

  async #run(
    id: string,
    name: string,
    source: string,
    params: Record<string, number | boolean | string>,
    config: ResolvedBacktestConfig,
    request: BacktestRequest,
  ): Promise<void> {
    const { db, plugins, logger, maxBars } = this.#options;
    const started = performance.now();
    try {
      await markRunning(db, id);
      const bars = await loadBars(plugins, request, maxBars);
      let lastWrite = 0;
      let pending: Promise<void> = Promise.resolve();
      const total = bars.time.length;
      const result = await runBacktest({
        source,
        bars,
        params,
        config,
        limits: DEFAULT_LIMITS,
        // About fifty progress steps; results do not depend on the batch size.
        batchBars: Math.min(50_000, Math.max(500, Math.ceil(total / 50))),
        onProgress: ({ bars: done, totalBars }) => {
          if (this.#closing) throw new NautilusError('CONFLICT', 'The server stopped before this run finished; run it again.');
          const now = performance.now();
          if (now - lastWrite < PROGRESS_WRITE_MS || done === totalBars) return;
          lastWrite = now;
          pending = pending.then(() => recordProgress(db, id, done / totalBars)).catch(() => {});
        },
      });
      await pending;
      await finishRun(db, id, { result: toStoredResult(result), durationMs: performance.now() - started });
      if (this.#options.bus && result.riskEvents.length > 0) {
        await recordAlerts(
          db,
          this.#options.bus,
          { kind: 'backtest', id, name },
          result.riskEvents.map((event) => alertOf(event, { strategyId: request.strategyId })),
        );
      }
    } catch (error) {
      const { error: stored, isBug } = describeFailure(error);
      if (isBug) logger.error({ err: error, run: id }, 'backtest failed');
      await finishRun(db, id, { error: stored, durationMs: performance.now() - started }).catch((cause: unknown) =>
        logger.error({ err: cause, run: id }, 'could not record a failed backtest'),
      );
    }
  }

  async #maintain(): Promise<void> {
    const { db, instanceId, logger, staleAfterMs = 60_000 } = this.#options;
    try {
      await heartbeat(db, instanceId);
      await failUnfinishedRuns(
        db,
        { staleBefore: new Date(Date.now() - staleAfterMs) },
        stopped('The server running this backtest stopped before it finished; run it again.'),
      );
    } catch (error) {
      if (!this.#closing) logger.warn({ err: error }, 'backtest heartbeat failed');
    }
  }
}
