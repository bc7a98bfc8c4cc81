import { type BookDeltaFrame, type BookFrame, mergeBookDeltas, OrderBook } from '@nautilus/sdk';

type BookMessage = BookFrame | BookDeltaFrame;

const isBookMessage = (value: unknown): value is BookMessage =>
  value !== null &&
  typeof value === 'object' &&
  ((value as BookMessage).kind === 'book' || (value as BookMessage).kind === 'bookDelta');

/**
 * Merges a book message still waiting for a slow connection with a newer one, so the client gets one
 * message that leaves its book where both would have: a newer snapshot replaces anything; a snapshot
 * followed by a delta becomes the snapshot with the delta applied; two deltas merge per price (the
 * newest size wins, so overlapping runs merge too). Anything that does not continue the pending
 * message (a gap) is passed on as is: the client sees the gap and asks for a resync.
 */
export function conflateBookMessages(pending: unknown, next: unknown): unknown {
  if (!isBookMessage(pending) || !isBookMessage(next) || next.kind === 'book') return next;
  if (pending.kind === 'book') {
    const book = new OrderBook();
    book.applySnapshot(pending);
    const result = book.applyDelta(next);
    if (result.status === 'resync') return next;
    const merged = book.toFrame();
    return pending.tickSize === undefined ? merged : { ...merged, tickSize: pending.tickSize };
  }
  if (next.seq <= pending.seq) return pending;
  if (next.fromSeq > pending.seq + 1 || next.symbol !== pending.symbol) return next;
  return mergeBookDeltas([pending, { ...next, fromSeq: pending.seq + 1 }]);
}
