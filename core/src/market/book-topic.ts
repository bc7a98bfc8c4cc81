import type { BookDeltaFrame, BookFrame } from '@nautilus/sdk';

/** Which book a feed streams: a data source that answers `book` frames, and an instrument. */
export interface BookFeedKey {
  dataSource: string;
  symbol: string;
}

/**
 * What a book feed publishes on its topic: full books (when the stream starts or restarts, and when a
 * follower asks), deltas as the stream emits them (with the checksum of the book after each), and
 * stream failures.
 */
export type BookFeedMessage =
  | { kind: 'snapshot'; frame: BookFrame }
  | { kind: 'delta'; frame: BookDeltaFrame }
  | { kind: 'error'; code: string; message: string; plugin: string | null; retryInMs: number };

/**
 * The bus topic of a book feed, `market.book.<dataSource>.<symbol>`; followers ask the running feed
 * for a snapshot on `<topic>.request`.
 * @example bookTopic({ dataSource: 'nautilus.sim-market/book', symbol: 'SIM:AAPL' }) // 'market.book.nautilus.sim-market/book.SIM:AAPL'
 */
export function bookTopic(key: BookFeedKey): string {
  return `market.book.${key.dataSource}.${key.symbol}`;
}

export const bookRequestTopic = (key: BookFeedKey): string => `${bookTopic(key)}.request`;
