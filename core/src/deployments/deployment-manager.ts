import { createStrategyRunner, DEFAULT_LIMITS, type RunLimits, resolveBacktestConfig } from '@nautilus/runtime';
import {
  type BacktestConfig,
  type Bus,
  NautilusError,
  type ParamSpecs,
  resolveParams,
  TIMEFRAME_MS,
  type Timeframe,
} from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { LivePublisher } from '../live/live-publisher.ts';
import type { BookFeed } from '../market/book-feed.ts';
import type { MarketFeed } from '../market/market-feed.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { describeFailure } from '../strategies/describe-failure.ts';
import { getStrategy } from '../strategies/strategy-store.ts';
import { lastRunOf, refuseUndeployable, rollbackVersion } from './deployable-version.ts';
import { DEPLOYMENT_CONTROL_TOPIC, type DeploymentControl, type DeploymentEvent, deploymentTopic } from './deployment-events.ts';
import { claimOrphanedDeployments, renewDeploymentLeases } from './deployment-leases.ts';
import {
  type DeploymentRecord,
  deploymentSource,
  getDeployment,
  insertDeployment,
  markEnded,
  releaseDeployments,
} from './deployment-store.ts';
import { EventQueue } from './event-queue.ts';
import { LiveDeployment } from './live-deployment.ts';

/** What `deployments.deploy` asks for. */
export interface DeployRequest {
  strategyId: string;
  /** Default: the latest version. */
  version?: number | undefined;
  params?: Record<string, unknown> | undefined;
  config?: BacktestConfig | undefined;
  limits?: Partial<Pick<RunLimits, 'memoryMb' | 'batchTimeoutMs' | 'runCpuMs'>> | undefined;
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  /** Bars of history the strategy sees before live bars. Default 100. */
  warmupBars?: number | undefined;
  /** Start `bars` bars in the past and replay them at `speed` times real time (a source with `replay`). */
  replay?: { bars: number; speed: number } | undefined;
}

export interface DeploymentManagerOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  feeds: MarketFeed;
  /** Order-book feeds, for `ctx.book`; without them strategies see no book. */
  books?: BookFeed | undefined;
  logger: Logger;
  instanceId: string;
  /** Deployments one instance runs at most (each is an isolate). */
  maxDeployments: number;
  maxBars: number;
  /** How long a deployment's lease holds without renewal; renewed every third of it. Default 30 s. */
  leaseMs?: number;
  /** The live hub: deployment events and alerts also go to its lossless channels. */
  live?: LivePublisher | undefined;
}

/** Limits of a deployment's isolate: a run that never ends needs a larger CPU budget and log allowance than a backtest. */
export const DEPLOYMENT_LIMITS: Readonly<RunLimits> = Object.freeze({
  ...DEFAULT_LIMITS,
  runCpuMs: 3_600_000,
  maxLogLines: 10_000,
  maxRecords: 1_000_000,
});

export type WatchEvent = DeploymentEvent | { type: 'snapshot'; deployment: DeploymentRecord };

/**
 * Runs paper-trading deployments on this instance and keeps them safe across instances: each
 * running deployment has an owner with a lease renewed every few seconds; a deployment whose lease
 * lapses (its instance died) is taken over by any instance, which resumes it by replaying its bars.
 * Stops go through the database and a control topic, so any instance can stop any deployment.
 */
export class DeploymentManager {
  readonly #options: DeploymentManagerOptions;
  readonly #leaseMs: number;
  readonly #live = new Map<string, LiveDeployment>();
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => Promise<void>) | undefined;
  #closing = false;
  #maintaining = false;

  constructor(options: DeploymentManagerOptions) {
    this.#options = options;
    this.#leaseMs = options.leaseMs ?? 30_000;
  }

  /** Listens for stops from other instances and resumes deployments left running (by a restart or a dead instance). */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#options.bus.subscribe(DEPLOYMENT_CONTROL_TOPIC, (message) => {
      const control = message as DeploymentControl;
      if (control?.action === 'stop') void this.#live.get(control.id)?.stoppedElsewhere();
    });
    await this.#maintain();
    this.#timer = setInterval(() => void this.#maintain(), Math.max(100, Math.floor(this.#leaseMs / 3)));
    this.#timer.unref();
  }

  /** Deployments running on this instance. */
  runningHere(): string[] {
    return [...this.#live.keys()];
  }

  /** When each deployment running here last processed a bar (epoch ms; its start before the first), for /metrics. */
  progressHere(): { id: string; lastBarProcessedAt: number }[] {
    return [...this.#live.values()].map((deployment) => ({
      id: deployment.id,
      lastBarProcessedAt: deployment.lastBarProcessedAt,
    }));
  }

  /**
   * Checks the request (strategy version: not a draft and type-checking; params, config, limits, a
   * streaming bar source), starts the deployment and waits for its warm-up. Returns it as stored:
   * `failed` with the reason if the warm-up already broke.
   */
  async deploy(userId: string, request: DeployRequest, rollbackOf: string | null = null): Promise<DeploymentRecord> {
    const { db, plugins, instanceId, maxDeployments } = this.#options;
    if (this.#closing) throw new NautilusError('CONFLICT', 'The server is shutting down; deploy again in a moment.');
    if (this.#live.size >= maxDeployments) {
      throw new NautilusError(
        'CONFLICT',
        `This server already runs ${this.#live.size} deployments, its limit (NAUTILUS_MAX_DEPLOYMENTS); stop one first.`,
      );
    }
    const strategy = await getStrategy(db, request.strategyId, request.version);
    await refuseUndeployable(strategy);
    const params = resolveParams(strategy.params, request.params);
    const config = resolveBacktestConfig(request.config, request.timeframe);
    const limits: RunLimits = { ...DEPLOYMENT_LIMITS, ...request.limits };
    const { descriptor } = plugins.checkQuery(request.dataSource, { symbol: request.symbol, timeframe: request.timeframe });
    if (!descriptor.streaming || !descriptor.frames.includes('ohlcv')) {
      throw NautilusError.validation('deployment', [
        { path: 'dataSource', message: `${request.dataSource} does not stream live bars; pick a source with streaming` },
      ]);
    }
    if (request.replay && !descriptor.replay) {
      throw NautilusError.validation('deployment', [{ path: 'replay', message: `${request.dataSource} cannot replay history` }]);
    }
    const timeframeMs = TIMEFRAME_MS[request.timeframe];
    const replay = request.replay
      ? { ...request.replay, from: Math.floor(Date.now() / timeframeMs) * timeframeMs - request.replay.bars * timeframeMs }
      : null;
    // The runner checks limits and loads the code before anything is stored.
    const runner = await createStrategyRunner({
      source: strategy.source,
      params,
      config,
      timeframe: request.timeframe,
      symbol: request.symbol,
      limits,
    });
    let id: string;
    try {
      id = await insertDeployment(db, {
        strategyId: strategy.id,
        version: strategy.version,
        params,
        config,
        limits,
        dataSource: request.dataSource,
        symbol: request.symbol,
        timeframe: request.timeframe,
        warmupBars: request.warmupBars ?? 100,
        replay,
        rollbackOf,
        owner: instanceId,
        leaseMs: this.#leaseMs,
        createdBy: userId,
      });
    } catch (error) {
      runner.dispose();
      throw error;
    }
    await this.#open(await getDeployment(db, id), runner, false);
    return getDeployment(db, id);
  }

  /** Stops a running deployment wherever it runs, recording `reason`. Stopping one that already ended changes nothing. */
  async stop(id: string, reason: string): Promise<DeploymentRecord> {
    const { db, bus } = this.#options;
    const live = this.#live.get(id);
    if (live) {
      await live.stop(reason);
      return getDeployment(db, id);
    }
    if (await markEnded(db, id, { status: 'stopped', reason })) {
      await bus.publish(DEPLOYMENT_CONTROL_TOPIC, { action: 'stop', id } satisfies DeploymentControl);
      const event = { type: 'status', status: 'stopped', reason, time: Date.now() } satisfies DeploymentEvent;
      await bus.publish(deploymentTopic(id), event);
      await this.#options.live
        ?.publish({ kind: 'deployment', deploymentId: id }, event)
        .catch((error: unknown) => this.#options.logger.warn({ err: error, deployment: id }, 'live deployment event lost'));
    }
    return getDeployment(db, id);
  }

  /**
   * Stops the deployment and deploys an earlier version (`options.version`, else the newest earlier
   * one that is not a draft) with the same params (those the older version declares), config,
   * limits, market and replay. Checked first, and nothing is stopped when a check fails: the older
   * version must type-check and take the params, and when its last run (backtest or deployment)
   * failed the caller must say `confirm: true` (CONFLICT with `details.confirm` and the run otherwise).
   */
  async rollback(
    id: string,
    userId: string,
    options: { version?: number | undefined; confirm?: boolean | undefined } = {},
  ): Promise<{ stopped: DeploymentRecord; deployed: DeploymentRecord }> {
    const { db } = this.#options;
    const current = await getDeployment(db, id);
    const target = await rollbackVersion(db, current.strategyId, current.version, options.version);
    const older = await getStrategy(db, current.strategyId, target);
    await refuseUndeployable(older);
    const params = keepDeclared(older.params, current.params);
    resolveParams(older.params, params);
    const lastRun = await lastRunOf(db, current.strategyId, target);
    if (lastRun?.status === 'failed' && options.confirm !== true) {
      const what = lastRun.kind === 'backtest' ? 'backtest' : 'deployment';
      throw new NautilusError(
        'CONFLICT',
        `Version ${target}'s last run failed (a ${what} started ${lastRun.at}${lastRun.reason ? `: ${lastRun.reason}` : ''}). Roll back to it anyway? Send confirm: true.`,
        {
          fields: [{ path: 'confirm', message: `version ${target} failed its last run; confirm with true` }],
          details: { confirm: 'last-run-failed', version: target, lastRun },
        },
      );
    }
    const stopped = await this.stop(id, `rolled back to version ${target}`);
    const deployed = await this.deploy(
      userId,
      {
        strategyId: current.strategyId,
        version: target,
        params,
        config: current.config,
        limits: {
          memoryMb: current.limits.memoryMb,
          batchTimeoutMs: current.limits.batchTimeoutMs,
          runCpuMs: current.limits.runCpuMs,
        },
        dataSource: current.dataSource,
        symbol: current.symbol,
        timeframe: current.timeframe,
        warmupBars: current.warmupBars,
        replay: current.replay ? { bars: current.replay.bars, speed: current.replay.speed } : undefined,
      },
      id,
    );
    return { stopped, deployed };
  }

  /**
   * The deployment as stored, then every event it publishes, until it ends or `signal` aborts. A
   * watcher that falls far behind loses the oldest events, never the latest.
   */
  async *watch(id: string, signal: AbortSignal): AsyncGenerator<WatchEvent> {
    const queue = new EventQueue<DeploymentEvent>();
    const unsubscribe = await this.#options.bus.subscribe(deploymentTopic(id), (message) =>
      queue.push(message as DeploymentEvent),
    );
    try {
      const deployment = await getDeployment(this.#options.db, id);
      yield { type: 'snapshot', deployment };
      if (deployment.status !== 'running') return;
      for (let event = await queue.next(signal); event; event = await queue.next(signal)) {
        yield event;
        if (event.type === 'status' && event.status !== 'running') return;
      }
    } finally {
      queue.close();
      await unsubscribe();
    }
  }

  /** Detaches every deployment (they stay `running`, with their leases handed back, to resume on the next start). */
  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#timer);
    await this.#unsubscribe?.().catch(() => {});
    await Promise.all([...this.#live.values()].map((live) => live.detach()));
    this.#live.clear();
    await releaseDeployments(this.#options.db, this.#options.instanceId).catch(() => {});
  }

  async #open(
    record: DeploymentRecord,
    runner: Awaited<ReturnType<typeof createStrategyRunner>>,
    resume: boolean,
  ): Promise<void> {
    // A deployment that fails at once ends inside `open`, before `live` is assigned: it was never added.
    let live: LiveDeployment | undefined;
    live = await LiveDeployment.open(this.#options, record, runner, {
      resume,
      onEnd: (id) => {
        if (live !== undefined && this.#live.get(id) === live) this.#live.delete(id);
      },
    });
    if (!live.ended) this.#live.set(record.id, live);
  }

  /** Renews leases (dropping deployments another instance stopped or took), then adopts orphans. */
  async #maintain(): Promise<void> {
    if (this.#closing || this.#maintaining) return;
    this.#maintaining = true;
    try {
      await this.#renewAndAdopt();
    } finally {
      this.#maintaining = false;
    }
  }

  async #renewAndAdopt(): Promise<void> {
    const { db, instanceId, logger, maxDeployments } = this.#options;
    try {
      const ids = [...this.#live.keys()];
      const held = await renewDeploymentLeases(db, ids, instanceId, this.#leaseMs);
      // Only the ids asked about: one deployed meanwhile was not part of the renewal.
      for (const id of ids) if (!held.has(id)) void this.#live.get(id)?.stoppedElsewhere();
      const orphans = await claimOrphanedDeployments(db, instanceId, this.#leaseMs, maxDeployments - this.#live.size);
      for (const id of orphans) await this.#resume(id);
    } catch (error) {
      if (!this.#closing) logger.warn({ err: error }, 'deployment lease check failed');
    }
  }

  async #resume(id: string): Promise<void> {
    const { db, logger } = this.#options;
    try {
      const record = await getDeployment(db, id);
      const source = await deploymentSource(db, record.strategyId, record.version);
      const runner = await createStrategyRunner({
        source,
        params: record.params,
        config: record.config,
        timeframe: record.timeframe,
        symbol: record.symbol,
        limits: record.limits,
      });
      await this.#open(record, runner, true);
      logger.info({ deployment: id }, 'deployment resumed');
    } catch (error) {
      const { error: stored } = describeFailure(error);
      await markEnded(db, id, { status: 'failed', reason: `Could not resume after a restart: ${stored.message}`, error: stored });
    }
  }
}

/** The params an older version still declares; the rest it would refuse. */
function keepDeclared(specs: ParamSpecs, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => Object.hasOwn(specs, name)));
}
