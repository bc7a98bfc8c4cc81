import { type Bus, type LiveChannel, NautilusError, OrderBook } from '@nautilus/sdk';
import type { Logger } from 'pino';
import type { ChannelSource } from '../live/channel-source.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { acquireShared } from '../live/shared-opening.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { conflateBookMessages } from './book-conflate.ts';
import type { BookFeed } from './book-feed.ts';
import { type BookFeedKey, type BookFeedMessage, bookTopic } from './book-topic.ts';

type BookChannel = Extract<LiveChannel, { kind: 'book' }>;

export interface BookChannelSourceOptions {
  plugins: PluginHost;
  feeds: BookFeed;
  bus: Bus;
  hub: Pick<LiveHub, 'publishLocal'>;
  logger: Logger;
}

/** This instance's copy of one book, fed from the feed's topic while it has local subscribers. */
interface Replica {
  demand: number;
  book: OrderBook;
  /** Subscribers waiting for the first snapshot. */
  waiters: Set<() => void>;
  lastRequest: number;
  ready: Promise<() => Promise<void>>;
}

/** How long a new subscriber waits for this instance's replica to get its first snapshot. */
const SNAPSHOT_WAIT_MS = 5_000;
/** A replica that lost its sequence asks the feed for a snapshot at most this often. */
const REQUEST_EVERY_MS = 500;

/**
 * The live `book` channel (latest-value): any logged-in user may read market data. While a book has
 * subscribers on this instance, its BookFeed is acquired (the stream runs here or on the instance
 * holding the lease) and the feed's topic is followed into a replica, an OrderBook per instance. Each
 * delta that continues the replica goes to this instance's subscribers; a snapshot goes to them only
 * when it does not match the replica (the stream restarted, or the replica had lost its sequence), so
 * clients replace their book exactly when they must. A new subscriber's snapshot is the replica's
 * book (asked from the feed when the replica has none yet, waiting up to 5 s). A slow client gets
 * its pending messages merged (`conflateBookMessages`).
 */
export function bookChannelSource(options: BookChannelSourceOptions): ChannelSource<BookChannel> {
  const replicas = new Map<string, Replica>();

  const requestSnapshot = (key: BookFeedKey, replica: Replica) => {
    const now = Date.now();
    if (now - replica.lastRequest < REQUEST_EVERY_MS) return;
    replica.lastRequest = now;
    void options.feeds
      .requestSnapshot(key)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'book snapshot request failed'));
  };

  const onMessage = (channel: BookChannel, key: BookFeedKey, replica: Replica, message: BookFeedMessage) => {
    const { book } = replica;
    if (message.kind === 'snapshot') {
      const frame = message.frame;
      if (book.synced && book.seq === frame.seq && book.checksum() === frame.checksum) return;
      book.applySnapshot(frame);
      options.hub.publishLocal(channel, frame);
      for (const wake of replica.waiters) wake();
      replica.waiters.clear();
    } else if (message.kind === 'delta') {
      const result = book.applyDelta(message.frame);
      if (result.status === 'applied') options.hub.publishLocal(channel, message.frame);
      else if (result.status === 'resync') requestSnapshot(key, replica);
    } else {
      options.logger.debug({ channel, code: message.code }, 'book feed reported an error');
    }
  };

  const follow = async (channel: BookChannel, key: BookFeedKey, replica: Replica): Promise<() => Promise<void>> => {
    const unsubscribe = await options.bus.subscribe(bookTopic(key), (message) =>
      onMessage(channel, key, replica, message as BookFeedMessage),
    );
    try {
      const release = await options.feeds.acquire(key);
      // The feed may have been running elsewhere already: ask it for the book as it stands.
      requestSnapshot(key, replica);
      return async () => {
        await unsubscribe();
        await release();
      };
    } catch (error) {
      await unsubscribe();
      throw error;
    }
  };

  return {
    kind: 'book',

    async authorize(channel) {
      const { descriptor } = options.plugins.checkQuery(channel.dataSource, { symbol: channel.symbol });
      if (!descriptor.streaming || !descriptor.frames.includes('book')) {
        throw NautilusError.validation('live channel', [
          {
            path: 'channel.dataSource',
            message: `${channel.dataSource} does not stream order books; pick a source with book frames and streaming`,
          },
        ]);
      }
    },

    async open(channel) {
      const key: BookFeedKey = { dataSource: channel.dataSource, symbol: channel.symbol };
      const topic = bookTopic(key);
      return acquireShared(
        replicas,
        topic,
        () => {
          const created: Replica = {
            demand: 0,
            book: new OrderBook(),
            waiters: new Set(),
            lastRequest: 0,
            ready: Promise.resolve(async () => {}),
          };
          created.ready = follow(channel, key, created);
          return created;
        },
        (replica) => {
          for (const wake of replica.waiters) wake();
        },
      );
    },

    async snapshot(channel) {
      const key: BookFeedKey = { dataSource: channel.dataSource, symbol: channel.symbol };
      const replica = replicas.get(bookTopic(key));
      if (!replica) return undefined;
      if (!replica.book.synced) {
        requestSnapshot(key, replica);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SNAPSHOT_WAIT_MS);
          replica.waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return replica.book.synced ? replica.book.toFrame() : undefined;
    },

    conflate: conflateBookMessages,
  };
}
