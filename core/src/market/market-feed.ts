import { type Bus, type Frame, isNautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { DataStream, PluginHost } from '../plugins/plugin-host.ts';
import { claimFeedLease, releaseFeedLease } from './feed-lease.ts';
import { type FeedKey, type FeedMessage, feedTopic } from './feed-topic.ts';

export interface MarketFeedOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  logger: Logger;
  instanceId: string;
  /** Most bars one emission may carry while a replay catches up. */
  maxPoints: number;
  /** How long a feed's lease holds without renewal; renewed every third of it. Default 15 s. */
  leaseMs?: number;
}

interface Feed {
  key: FeedKey;
  topic: string;
  demand: number;
  stream: DataStream | undefined;
  /** Consecutive failures, for the retry back-off. */
  failures: number;
  retryAt: number;
  /** The lease check in progress: checks never overlap, so a feed never starts twice. */
  checking: Promise<void> | undefined;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Runs data-source streams while something needs them and publishes what they emit on the bus
 * (`market.bars.<dataSource>.<symbol>.<timeframe>`): `{ kind: 'bar' }` for closed bars, `{ kind:
 * 'tick' }` for updates of the forming bar, `{ kind: 'error' }` when the stream fails (it is retried
 * with back-off). Consumers subscribe to the bus, not to this class, so with Redis one instance's
 * feed serves every instance. Exactly one instance runs each feed: the one holding its lease in
 * `market_feeds`; another takes over within a lease period when it stops.
 */
export class MarketFeed {
  readonly #options: MarketFeedOptions;
  readonly #feeds = new Map<string, Feed>();
  readonly #leaseMs: number;
  readonly #timer: NodeJS.Timeout;
  #closed = false;

  constructor(options: MarketFeedOptions) {
    this.#options = options;
    this.#leaseMs = options.leaseMs ?? 15_000;
    this.#timer = setInterval(() => void this.#maintainAll(), Math.max(50, Math.floor(this.#leaseMs / 3)));
    this.#timer.unref();
  }

  /** Declares a need for the feed; returns the function that withdraws it. The feed runs here or on another instance. */
  async acquire(key: FeedKey): Promise<() => Promise<void>> {
    const topic = feedTopic(key);
    let feed = this.#feeds.get(topic);
    if (!feed) {
      feed = { key, topic, demand: 0, stream: undefined, failures: 0, retryAt: 0, checking: undefined };
      this.#feeds.set(topic, feed);
    }
    feed.demand++;
    await this.#maintain(feed);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const current = this.#feeds.get(topic);
      if (!current || --current.demand > 0) return;
      this.#feeds.delete(topic);
      await this.#shutdown(current);
    };
  }

  /** Topics whose stream runs on this instance. */
  runningHere(): string[] {
    return [...this.#feeds.values()].filter((feed) => feed.stream).map((feed) => feed.topic);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    const feeds = [...this.#feeds.values()];
    this.#feeds.clear();
    await Promise.all(feeds.map((feed) => this.#shutdown(feed)));
  }

  async #maintainAll(): Promise<void> {
    for (const feed of [...this.#feeds.values()]) await this.#maintain(feed);
  }

  async #maintain(feed: Feed): Promise<void> {
    if (feed.checking) return feed.checking;
    feed.checking = this.#check(feed).finally(() => {
      feed.checking = undefined;
    });
    return feed.checking;
  }

  /** Renews or takes the lease; starts the stream when we hold it, stops it when we lost it. */
  async #check(feed: Feed): Promise<void> {
    const { db, instanceId, logger } = this.#options;
    let holding: boolean;
    try {
      holding = await claimFeedLease(db, feed.topic, instanceId, this.#leaseMs);
    } catch (error) {
      if (!this.#closed) logger.warn({ err: error, topic: feed.topic }, 'feed lease check failed');
      return;
    }
    if (this.#closed || this.#feeds.get(feed.topic) !== feed) return;
    if (!holding && feed.stream) {
      logger.info({ topic: feed.topic }, 'another instance took over the feed');
      await this.#stopStream(feed);
    } else if (holding && !feed.stream && Date.now() >= feed.retryAt) {
      await this.#startStream(feed);
    }
  }

  async #startStream(feed: Feed): Promise<void> {
    const { plugins, bus, logger, maxPoints } = this.#options;
    const { dataSource, symbol, timeframe, replay } = feed.key;
    const publish = (message: FeedMessage) =>
      bus
        .publish(feed.topic, message)
        .catch((error: unknown) => logger.warn({ err: error, topic: feed.topic }, 'feed publish failed'));
    const emit = (frame: Frame) => {
      if (frame.kind !== 'ohlcv') return;
      for (let index = 0; index < frame.time.length; index++) {
        const bar = {
          time: frame.time[index] as number,
          open: frame.open[index] as number,
          high: frame.high[index] as number,
          low: frame.low[index] as number,
          close: frame.close[index] as number,
          volume: frame.volume[index] as number,
        };
        void publish({ kind: frame.forming ? 'tick' : 'bar', bar });
      }
      feed.failures = 0;
    };
    try {
      const stream = await plugins.stream(
        dataSource,
        { params: { symbol, timeframe }, maxPoints, ...(replay ? { replay } : {}) },
        emit,
      );
      feed.stream = stream;
      logger.info({ topic: feed.topic }, 'feed started');
      stream.done.then(
        () => this.#ended(feed, stream, undefined),
        (error: unknown) => this.#ended(feed, stream, error),
      );
    } catch (error) {
      this.#ended(feed, undefined, error);
    }
  }

  /** A stream that ended by itself (or failed to start) is retried with back-off while still needed. */
  #ended(feed: Feed, stream: DataStream | undefined, error: unknown): void {
    if (stream && feed.stream !== stream) return;
    feed.stream = undefined;
    if (this.#closed || this.#feeds.get(feed.topic) !== feed) return;
    feed.failures++;
    const retryInMs = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (feed.failures - 1));
    feed.retryAt = Date.now() + retryInMs;
    const failure = isNautilusError(error)
      ? { code: error.code, message: error.message, plugin: error.plugin ?? null }
      : { code: 'DATA_SOURCE_ERROR', message: error ? String(error) : 'The stream ended by itself', plugin: null };
    this.#options.logger.warn({ topic: feed.topic, ...failure, retryInMs }, 'feed stopped; retrying');
    void this.#options.bus.publish(feed.topic, { kind: 'error', ...failure, retryInMs } satisfies FeedMessage).catch(() => {});
    setTimeout(() => void this.#maintain(feed), retryInMs).unref();
  }

  async #stopStream(feed: Feed): Promise<void> {
    const stream = feed.stream;
    feed.stream = undefined;
    await stream
      ?.stop()
      .catch((error: unknown) => this.#options.logger.warn({ err: error, topic: feed.topic }, 'feed did not stop'));
  }

  async #shutdown(feed: Feed): Promise<void> {
    await this.#stopStream(feed);
    await releaseFeedLease(this.#options.db, feed.topic, this.#options.instanceId).catch(() => {});
  }
}
