import { randomUUID } from 'node:crypto';
import type { Bus } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { BacktestService } from './backtests/backtest-service.ts';
import type { Config } from './config.ts';
import type { Tables } from './db/tables.ts';
import { DeploymentManager } from './deployments/deployment-manager.ts';
import { MarketFeed } from './market/market-feed.ts';
import type { PluginHost } from './plugins/plugin-host.ts';

export interface StrategyServices {
  /** This process, as the owner of runs, feeds and deployments in the database. */
  instanceId: string;
  backtests: BacktestService;
  feeds: MarketFeed;
  deployments: DeploymentManager;
  /** Stops taking work, detaches deployments (they resume on the next start) and stops feeds. */
  close(): Promise<void>;
}

export interface StrategyServicesOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  logger: Logger;
  config: Config;
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
  const deployments = new DeploymentManager({
    db,
    plugins,
    bus,
    feeds,
    logger,
    instanceId,
    maxDeployments: config.maxDeployments,
    maxBars: config.backtestMaxBars,
    leaseMs: options.deploymentLeaseMs,
  });
  await backtests.start();
  await deployments.start();
  return {
    instanceId,
    backtests,
    feeds,
    deployments,
    async close() {
      await deployments.close();
      await backtests.close();
      await feeds.close();
    },
  };
}
