import type { StrategyBookInput } from '@nautilus/runtime';
import { OrderBook } from '@nautilus/sdk';
import type { Logger } from 'pino';
import type { BookFeed } from '../market/book-feed.ts';
import { type BookFeedKey, type BookFeedMessage, bookTopic } from '../market/book-topic.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { DeploymentContext } from './live-deployment.ts';

/** The book a deployment's strategy reads as `ctx.book`, followed while it runs. */
export interface DeploymentBook {
  /** The best 10 levels a side as they stand, or undefined until the first snapshot arrived. */
  current(): StrategyBookInput | undefined;
  release(): Promise<void>;
}

const LEVELS = 10;
const REQUEST_EVERY_MS = 1_000;

/**
 * The book source for a bars source: a streaming source of `book` frames in the same plugin that
 * knows the symbol. A rule, not a configured id, so a third-party plugin that offers both gets
 * `ctx.book` the same way the simulated market does.
 */
export function bookSourceFor(plugins: PluginHost, barsSource: string, symbol: string): string | undefined {
  const pluginId = barsSource.slice(0, barsSource.indexOf('/'));
  for (const { ref, descriptor } of plugins.dataSources()) {
    if (!ref.startsWith(`${pluginId}/`) || !descriptor.streaming || !descriptor.frames.includes('book')) continue;
    try {
      plugins.checkQuery(ref, { symbol });
      return ref;
    } catch {}
  }
  return undefined;
}

/**
 * Follows the book of `symbol` from its feed (acquired like the live `book` channel's, so one stream
 * serves both) into an OrderBook. Undefined when there is no book source or no book feeds.
 */
export async function followDeploymentBook(
  context: Pick<DeploymentContext, 'plugins' | 'bus' | 'books'> & { logger: Logger },
  barsSource: string,
  symbol: string,
): Promise<DeploymentBook | undefined> {
  const books: BookFeed | undefined = context.books;
  const dataSource = bookSourceFor(context.plugins, barsSource, symbol);
  if (!books || !dataSource) return undefined;
  const key: BookFeedKey = { dataSource, symbol };
  const book = new OrderBook();
  let lastRequest = 0;
  const request = () => {
    if (Date.now() - lastRequest < REQUEST_EVERY_MS) return;
    lastRequest = Date.now();
    void books
      .requestSnapshot(key)
      .catch((error: unknown) => context.logger.warn({ err: error }, 'book snapshot request failed'));
  };
  const unsubscribe = await context.bus.subscribe(bookTopic(key), (raw) => {
    const message = raw as BookFeedMessage;
    if (message.kind === 'snapshot') book.applySnapshot(message.frame);
    else if (message.kind === 'delta' && book.applyDelta(message.frame).status === 'resync') request();
  });
  let release: () => Promise<void>;
  try {
    release = await books.acquire(key);
  } catch (error) {
    await unsubscribe();
    throw error;
  }
  request();
  return {
    current: () => (book.synced ? { time: book.time, bids: book.top('bid', LEVELS), asks: book.top('ask', LEVELS) } : undefined),
    async release() {
      await unsubscribe().catch(() => {});
      await release().catch(() => {});
    },
  };
}
