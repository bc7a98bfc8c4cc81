import { type Bus, type Frame, OrderBook } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { type BookFeedKey, type BookFeedMessage, bookRequestTopic, bookTopic } from './book-topic.ts';
import { type LeasedStream, LeasedStreams } from './leased-streams.ts';

export interface BookFeedOptions {
  db: Kysely<Tables>;
  plugins: PluginHost;
  bus: Bus;
  logger: Logger;
  instanceId: string;
  /** How long a feed's lease holds without renewal; renewed every third of it. Default 15 s. */
  leaseMs?: number;
}

interface Feed extends LeasedStream {
  key: BookFeedKey;
  /** The book as the running stream built it (here only): answers snapshot requests. */
  book: OrderBook | undefined;
  /** Cleared when the stream is stopped, so frames it emits late are dropped. */
  run: { active: boolean } | undefined;
  unsubscribeRequests: (() => Promise<void>) | undefined;
  lastRequestAnswer: number;
}

/** Snapshot requests are answered at most this often (every follower's request is served by one answer). */
const REQUEST_ANSWER_MS = 100;

/**
 * Runs order-book streams (a data source returning `book`/`bookDelta` frames) while some instance's
 * subscribers need them, on exactly one instance: the one holding the feed's lease in `market_feeds`
 * (the same table and rules as the bar feeds, through LeasedStreams), another taking over within a
 * lease period when it stops. The running instance keeps the stream's book and publishes on the bus
 * (`market.book.<dataSource>.<symbol>`): the stream's first snapshot, every delta with the checksum of
 * the book after it, and a fresh snapshot whenever a follower asks on `<topic>.request` (a follower
 * that started listening mid-stream). A stream that restarts (here or elsewhere) starts with a new
 * snapshot, so followers replace their book instead of waiting for sequence numbers that restarted.
 */
export class BookFeed {
  readonly #options: BookFeedOptions;
  readonly #streams: LeasedStreams<Feed>;

  constructor(options: BookFeedOptions) {
    this.#options = options;
    this.#streams = new LeasedStreams<Feed>({
      ...options,
      label: 'book feed',
      endedMessage: 'The book stream ended by itself',
      start: (feed) => this.#startStream(feed),
      stopped: (feed) => {
        if (feed.run) feed.run.active = false;
        feed.book = undefined;
      },
      failed: (feed, failure) => this.#publish(feed, { kind: 'error', ...failure }),
      shutdown: async (feed) => {
        await feed.unsubscribeRequests?.().catch(() => {});
        feed.unsubscribeRequests = undefined;
      },
    });
  }

  /** Declares a need for the book; returns the function that withdraws it. The stream runs here or on another instance. */
  acquire(key: BookFeedKey): Promise<() => Promise<void>> {
    const topic = bookTopic(key);
    return this.#streams.acquire(topic, () => ({
      key,
      topic,
      demand: 0,
      stream: undefined,
      book: undefined,
      run: undefined,
      failures: 0,
      retryAt: 0,
      checking: undefined,
      unsubscribeRequests: undefined,
      lastRequestAnswer: 0,
    }));
  }

  /** Asks whichever instance runs the feed for a snapshot (published on the feed's topic). */
  async requestSnapshot(key: BookFeedKey): Promise<void> {
    await this.#options.bus.publish(bookRequestTopic(key), { kind: 'request' });
  }

  /** Topics whose stream runs on this instance. */
  runningHere(): string[] {
    return this.#streams.runningHere();
  }

  close(): Promise<void> {
    return this.#streams.close();
  }

  #publish(feed: Feed, message: BookFeedMessage): void {
    void this.#options.bus
      .publish(feed.topic, message)
      .catch((error: unknown) => this.#options.logger.warn({ err: error, topic: feed.topic }, 'book feed publish failed'));
  }

  async #startStream(feed: Feed) {
    const { plugins, bus, logger } = this.#options;
    const book = new OrderBook();
    const run = { active: true };
    feed.book = book;
    feed.run = run;
    const emit = (frame: Frame) => {
      if (!run.active) return;
      if (frame.kind === 'book') {
        book.applySnapshot(frame);
        this.#publish(feed, { kind: 'snapshot', frame: book.toFrame() });
      } else if (frame.kind === 'bookDelta') {
        const result = book.applyDelta(frame);
        if (result.status === 'resync') {
          // The source skipped a sequence number: nobody can follow without a new snapshot, so the
          // stream restarts (it begins with one).
          logger.warn({ topic: feed.topic, ...result }, 'book stream broke its sequence; restarting it');
          void this.#streams.restart(feed);
          return;
        }
        if (result.status === 'applied') this.#publish(feed, { kind: 'delta', frame: { ...frame, checksum: book.checksum() } });
      }
      feed.failures = 0;
    };
    feed.unsubscribeRequests ??= await bus.subscribe(bookRequestTopic(feed.key), () => this.#answerRequest(feed));
    return plugins.stream(feed.key.dataSource, { params: { symbol: feed.key.symbol }, maxPoints: 1_000 }, emit);
  }

  #answerRequest(feed: Feed): void {
    const now = Date.now();
    if (!feed.stream || !feed.book?.synced || now - feed.lastRequestAnswer < REQUEST_ANSWER_MS) return;
    feed.lastRequestAnswer = now;
    this.#publish(feed, { kind: 'snapshot', frame: feed.book.toFrame() });
  }
}
