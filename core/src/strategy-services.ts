import { randomUUID } from 'node:crypto';
import type { Bus } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { BacktestService } from './backtests/backtest-service.ts';
import type { Config } from './config.ts';
import type { Tables } from './db/tables.ts';
import { DeploymentManager } from './deployments/deployment-manager.ts';
import type { LivePublisher } from './live/live-publisher.ts';
import { BookFeed } from './market/book-feed.ts';
import { MarketFeed } from './market/market-feed.ts';
import type { PluginHost } from './plugins/plugin-host.ts';
import { createSweepService } from './sweeps/create-sweep-service.ts';
import type { SweepService } from './sweeps/sweep-service.ts';

export interface StrategyServices {
  /** This process, as the owner of runs, feeds and deployments in the database. */
  instanceId: string;
  backtests: BacktestService;
  feeds: MarketFeed;
  /** Order-book feeds: the live `book` channel and deployments' `ctx.book` share them. */
  books: BookFeed;
  deployments: DeploymentManager;
  /** Parameter sweeps and walk-forward: BullMQ workers with Redis, in this process without. */
  sweeps: SweepService;
  /** Stops taking work, detaches deployments (they resume on the next start) and stops feeds. */
  close(): Promise<void>;
}

export interface StrategyServicesOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  logger: Logger;
  config: Config;
  /** The live hub, for deployment events and alerts. */
  live?: LivePublisher | undefined;
  /** Lease lengths, shortened by tests of a takeover. */
  feedLeaseMs?: number;
  deploymentLeaseMs?: number;
}

/** Starts the strategy runtime's server side: background backtests, market feeds and paper deployments (resuming those left running). */
export async function startStrategyServices(options: StrategyServicesOptions): Promise<StrategyServices> {
  const { db, plugins, bus, logger, config } = options;
  const instanceId = randomUUID();
  const backtests = new BacktestService({
    db,
    plugins,
    logger,
    instanceId,
    concurrency: config.backtestConcurrency,
    maxBars: config.backtestMaxBars,
    bus,
  });
  const feeds = new MarketFeed({
    db,
    plugins,
    bus,
    logger,
    instanceId,
    maxPoints: config.maxQueryPoints,
    leaseMs: options.feedLeaseMs,
  });
  const books = new BookFeed({ db, plugins, bus, logger, instanceId, leaseMs: options.feedLeaseMs });
  const deployments = new DeploymentManager({
    db,
    plugins,
    bus,
    feeds,
    books,
    logger,
    instanceId,
    maxDeployments: config.maxDeployments,
    maxBars: config.backtestMaxBars,
    leaseMs: options.deploymentLeaseMs,
    live: options.live,
  });
  const sweeps = createSweepService({ db, plugins, logger, config });
  await backtests.start();
  await deployments.start();
  return {
    instanceId,
    backtests,
    feeds,
    books,
    deployments,
    sweeps,
    async close() {
      await sweeps.close();
      await deployments.close();
      await backtests.close();
      await feeds.close();
      await books.close();
    },
  };
}
