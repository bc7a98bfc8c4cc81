import type { Bus } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ClosableBus } from '../bus/create-bus.ts';
import { RedisBus } from '../bus/redis-bus.ts';
import type { Config } from '../config.ts';
import type { Tables } from '../db/tables.ts';
import type { MarketFeed } from '../market/market-feed.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { LiveHub } from './live-hub.ts';
import { MemoryChannelLog } from './memory-channel-log.ts';
import { RedisChannelLog } from './redis-channel-log.ts';
import { alertsSource } from './sources/alerts-source.ts';
import { deploymentSource } from './sources/deployment-source.ts';
import { marketSources } from './sources/market-sources.ts';

/** The hub of this instance: its lossless logs in Redis when the bus is Redis (shared by every instance), else in memory. */
export function createLiveHub(options: { bus: ClosableBus; config: Config; logger: Logger; instanceId: string }): LiveHub {
  const { bus, config, logger, instanceId } = options;
  const live = config.live;
  const log =
    bus instanceof RedisBus ? new RedisChannelLog(bus.commands, live.logLength) : new MemoryChannelLog(bus, live.logLength);
  return new LiveHub({
    bus,
    log,
    logger,
    instanceId,
    limits: { maxMessages: live.maxQueueMessages, maxBytes: live.maxQueueBytes, maxBufferedBytes: live.maxBufferedBytes },
    heartbeatMs: live.heartbeatMs,
    maxSubscriptions: live.maxSubscriptions,
  });
}

/** Registers core's own sources: bars and forming (market feeds), alerts and deployments. The book source is the market's. */
export function registerCoreSources(
  hub: LiveHub,
  options: { db: Kysely<Tables>; plugins: PluginHost; feeds: MarketFeed; bus: Bus; logger: Logger },
): void {
  for (const source of marketSources({ ...options, hub })) hub.register(source);
  hub.register(alertsSource());
  hub.register(deploymentSource(options.db));
}
