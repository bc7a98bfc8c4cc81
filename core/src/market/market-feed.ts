import type { Bus, Frame } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { type FeedKey, type FeedMessage, feedTopic } from './feed-topic.ts';
import { type LeasedStream, LeasedStreams } from './leased-streams.ts';

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

interface Feed extends LeasedStream {
  key: FeedKey;
}

/**
 * Runs data-source streams while something needs them and publishes what they emit on the bus
 * (`market.bars.<dataSource>.<symbol>.<timeframe>`): `{ kind: 'bar' }` for closed bars, `{ kind:
 * 'tick' }` for updates of the forming bar, `{ kind: 'error' }` when the stream fails (it is retried
 * with back-off). Consumers subscribe to the bus, not to this class, so with Redis one instance's
 * feed serves every instance. Exactly one instance runs each feed: the one holding its lease in
 * `market_feeds`; another takes over within a lease period when it stops (LeasedStreams).
 */
export class MarketFeed {
  readonly #options: MarketFeedOptions;
  readonly #streams: LeasedStreams<Feed>;

  constructor(options: MarketFeedOptions) {
    this.#options = options;
    this.#streams = new LeasedStreams<Feed>({
      ...options,
      label: 'feed',
      endedMessage: 'The stream ended by itself',
      start: (feed) => this.#startStream(feed),
      failed: (feed, failure) => void this.#publish(feed, { kind: 'error', ...failure }),
    });
  }

  /** Declares a need for the feed; returns the function that withdraws it. The feed runs here or on another instance. */
  acquire(key: FeedKey): Promise<() => Promise<void>> {
    const topic = feedTopic(key);
    return this.#streams.acquire(topic, () => ({
      key,
      topic,
      demand: 0,
      stream: undefined,
      failures: 0,
      retryAt: 0,
      checking: undefined,
    }));
  }

  /** Topics whose stream runs on this instance. */
  runningHere(): string[] {
    return this.#streams.runningHere();
  }

  close(): Promise<void> {
    return this.#streams.close();
  }

  #publish(feed: Feed, message: FeedMessage): Promise<void> {
    const { bus, logger } = this.#options;
    return bus
      .publish(feed.topic, message)
      .catch((error: unknown) => logger.warn({ err: error, topic: feed.topic }, 'feed publish failed'));
  }

  #startStream(feed: Feed) {
    const { plugins, maxPoints } = this.#options;
    const { dataSource, symbol, timeframe, replay } = feed.key;
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
        void this.#publish(feed, { kind: frame.forming ? 'tick' : 'bar', bar });
      }
      feed.failures = 0;
    };
    return plugins.stream(dataSource, { params: { symbol, timeframe }, maxPoints, ...(replay ? { replay } : {}) }, emit);
  }
}
