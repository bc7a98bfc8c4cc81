import { describe, expect, it } from 'vitest';
import { type BookDeltaFrame, mergeBookDeltas } from '../index.ts';

const delta = (
  seq: number,
  bids: [number, number][],
  asks: [number, number][],
  extra: Partial<BookDeltaFrame> = {},
): BookDeltaFrame => ({
  kind: 'bookDelta',
  symbol: 'X',
  time: seq * 10,
  fromSeq: seq,
  seq,
  bids: { price: bids.map(([price]) => price), size: bids.map(([, size]) => size) },
  asks: { price: asks.map(([price]) => price), size: asks.map(([, size]) => size) },
  ...extra,
});

describe('mergeBookDeltas', () => {
  it('keeps the newest size per price, the first fromSeq and the last seq, time and checksum', () => {
    const merged = mergeBookDeltas([
      delta(
        5,
        [
          [99, 1],
          [98, 2],
        ],
        [[101, 3]],
      ),
      delta(6, [[99, 0]], [[102, 1]], { checksum: 1 }),
      delta(7, [[97.5, 4]], [[101, 5]], { checksum: 42 }),
    ]);
    expect(merged).toEqual({
      kind: 'bookDelta',
      symbol: 'X',
      time: 70,
      fromSeq: 5,
      seq: 7,
      bids: { price: [99, 98, 97.5], size: [0, 2, 4] },
      asks: { price: [101, 102], size: [5, 1] },
      checksum: 42,
    });
  });

  it('concatenates trades oldest first', () => {
    const merged = mergeBookDeltas([
      delta(1, [], [[101, 2]], { trades: { price: [101], size: [1], side: ['buy'] } }),
      delta(2, [], []),
      delta(3, [[99, 0]], [], { trades: { price: [99, 98.5], size: [3, 1], side: ['sell', 'sell'] } }),
    ]);
    expect(merged.trades).toEqual({ price: [101, 99, 98.5], size: [1, 3, 1], side: ['buy', 'sell', 'sell'] });
  });

  it('refuses deltas with a gap between them, naming the field', () => {
    expect(() => mergeBookDeltas([delta(1, [], []), delta(3, [], [])])).toThrow(/deltas\[1\]\.fromSeq: must be 2/);
    expect(() => mergeBookDeltas([])).toThrow(/needs at least one delta/);
  });

  it('merges already merged deltas', () => {
    const first = mergeBookDeltas([delta(1, [[99, 1]], []), delta(2, [[99, 2]], [])]);
    const second = mergeBookDeltas([first, delta(3, [[98, 1]], [])]);
    expect(second).toMatchObject({ fromSeq: 1, seq: 3, bids: { price: [99, 98], size: [2, 1] } });
  });
});
