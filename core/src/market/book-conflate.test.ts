import { readFileSync } from 'node:fs';
import { type BookDeltaFrame, type BookFrame, OrderBook } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { conflateBookMessages } from './book-conflate.ts';

// A recorded simulated book (snapshot + 3,000 deltas), read as data.
const recording = JSON.parse(
  readFileSync(new URL('../../../plugins/sim-market/test/fixtures/book-sim-aapl.json', import.meta.url), 'utf8'),
) as { snapshot: BookFrame; deltas: BookDeltaFrame[] };

function applyMessage(book: OrderBook, message: unknown): void {
  const frame = message as BookFrame | BookDeltaFrame;
  if (frame.kind === 'book') book.applySnapshot(frame);
  else expect(book.applyDelta(frame).status).not.toBe('resync');
}

describe('conflateBookMessages', () => {
  it('leaves a slow client with the same book as a fast one, however messages were merged', () => {
    const fast = new OrderBook();
    const slow = new OrderBook();
    fast.applySnapshot(recording.snapshot);
    let pending: unknown = recording.snapshot;
    let state = 12_345;
    for (const delta of recording.deltas) {
      fast.applyDelta(delta);
      pending = pending === undefined ? delta : conflateBookMessages(pending, delta);
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      // The slow connection drains now and then, taking the one merged message waiting for it.
      if (state % 17 === 0) {
        applyMessage(slow, pending);
        pending = undefined;
      }
    }
    if (pending !== undefined) applyMessage(slow, pending);
    expect(slow.toFrame()).toEqual(fast.toFrame());
  });

  it('turns a waiting snapshot and a delta into one newer snapshot, and lets a newer snapshot replace anything', () => {
    const [first, second] = recording.deltas as [BookDeltaFrame, BookDeltaFrame];
    const merged = conflateBookMessages(recording.snapshot, first) as BookFrame;
    expect(merged).toMatchObject({ kind: 'book', seq: first.seq, tickSize: recording.snapshot.tickSize });
    const book = new OrderBook();
    book.applySnapshot(recording.snapshot);
    book.applyDelta(first);
    expect(merged.checksum).toBe(book.checksum());
    expect(conflateBookMessages(first, recording.snapshot)).toBe(recording.snapshot);
    expect(conflateBookMessages(second, first)).toBe(second);
  });

  it('passes on a delta that does not continue the waiting one, so the client sees the gap', () => {
    const [first, , third] = recording.deltas as [BookDeltaFrame, BookDeltaFrame, BookDeltaFrame];
    expect(conflateBookMessages(first, third)).toBe(third);
  });
});
