import type { BookDeltaFrame, BookFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { LiveBook } from './live-book.ts';

const snapshot = (seq: number): BookFrame => ({
  kind: 'book',
  symbol: 'SIM:AAPL',
  time: 1_000,
  seq,
  bids: { price: [100, 99.9], size: [5, 7] },
  asks: { price: [100.1, 100.2], size: [4, 6] },
  tickSize: 0.01,
});

const delta = (fromSeq: number, seq: number, bid: [number, number]): BookDeltaFrame => ({
  kind: 'bookDelta',
  symbol: 'SIM:AAPL',
  time: 2_000,
  fromSeq,
  seq,
  bids: { price: [bid[0]], size: [bid[1]] },
  asks: { price: [], size: [] },
});

describe('LiveBook', () => {
  it('applies a snapshot, then deltas in sequence: sizes are absolute and 0 removes a level', () => {
    const live = new LiveBook();
    expect(live.apply(snapshot(10))).toBe('applied');
    expect(live.apply(delta(11, 11, [100, 9]))).toBe('applied');
    expect(live.apply(delta(12, 12, [99.9, 0]))).toBe('applied');
    const frame = live.frame();
    expect(frame?.seq).toBe(12);
    expect(frame?.bids).toEqual({ price: [100], size: [9] });
    expect(frame?.resyncs).toBe(0);
  });

  it('answers resync on a sequence gap, counts it, and ignores deltas until a snapshot comes', () => {
    const live = new LiveBook();
    live.apply(snapshot(10));
    expect(live.apply(delta(13, 13, [100, 1]))).toBe('resync');
    expect(live.resyncs).toBe(1);
    expect(live.frame()).toBeUndefined();
    expect(live.apply(delta(14, 14, [100, 2]))).toBe('ignored');
    expect(live.apply(snapshot(20))).toBe('applied');
    expect(live.apply(delta(21, 21, [100, 3]))).toBe('applied');
    expect(live.frame()?.bids.size[0]).toBe(3);
  });

  it('shows the query’s snapshot until the channel brings its own, then follows only the channel', () => {
    const live = new LiveBook();
    expect(live.applySnapshot(snapshot(500))).toBe(true);
    expect(live.frame()?.seq).toBe(500);
    // A delta cannot continue the query's book: its sequence is another feed's.
    expect(live.apply(delta(501, 501, [100, 1]))).toBe('ignored');
    expect(live.apply(snapshot(10))).toBe('applied');
    expect(live.applySnapshot(snapshot(900))).toBe(false);
    expect(live.apply(delta(11, 11, [100, 4]))).toBe('applied');
    expect(live.frame()).toMatchObject({ seq: 11, bids: { price: [100, 99.9], size: [4, 7] } });
  });

  it('ignores deltas already covered by the book and a query snapshot once the channel has spoken', () => {
    const live = new LiveBook();
    live.apply(snapshot(10));
    live.apply(delta(11, 11, [100, 9]));
    expect(live.apply(delta(11, 11, [100, 1]))).toBe('ignored');
    expect(live.applySnapshot(snapshot(5))).toBe(false);
    expect(live.frame()?.bids.size[0]).toBe(9);
  });
});
