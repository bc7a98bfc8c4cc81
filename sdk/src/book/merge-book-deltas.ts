import { NautilusError } from '../errors.ts';
import type { BookDeltaFrame, BookLevels } from './book-frame.ts';

function mergeSide(deltas: readonly BookDeltaFrame[], side: 'bids' | 'asks'): BookLevels {
  const newest = new Map<number, number>();
  for (const delta of deltas) {
    const levels = delta[side];
    for (let index = 0; index < levels.price.length; index++)
      newest.set(levels.price[index] as number, levels.size[index] as number);
  }
  const prices = [...newest.keys()].sort(side === 'bids' ? (a, b) => b - a : (a, b) => a - b);
  return { price: prices, size: prices.map((price) => newest.get(price) as number) };
}

/**
 * Conflates consecutive deltas into one: per price the newest size, `fromSeq` of the first, `seq`,
 * `time` and `checksum` of the last (they describe the book after it), trades concatenated oldest
 * first. Applying the result equals applying the deltas one by one, because sizes are absolute.
 * Throws VALIDATION when a delta does not start right after the one before (merging across a gap
 * would hide it).
 * @example mergeBookDeltas([d1, d2, d3]) // { fromSeq: d1.fromSeq, seq: d3.seq, ... }
 */
export function mergeBookDeltas(deltas: readonly BookDeltaFrame[]): BookDeltaFrame {
  const first = deltas[0];
  const last = deltas[deltas.length - 1];
  if (!first || !last) throw NautilusError.validation('book deltas', [{ path: 'deltas', message: 'needs at least one delta' }]);
  for (let index = 1; index < deltas.length; index++) {
    const previous = deltas[index - 1] as BookDeltaFrame;
    const delta = deltas[index] as BookDeltaFrame;
    if (delta.fromSeq !== previous.seq + 1 || delta.symbol !== previous.symbol) {
      throw NautilusError.validation('book deltas', [
        {
          path: `deltas[${index}].fromSeq`,
          message: `must be ${previous.seq + 1} (right after deltas[${index - 1}].seq) for ${previous.symbol}, got ${delta.fromSeq} for ${delta.symbol}`,
        },
      ]);
    }
  }
  if (deltas.length === 1) return first;
  const merged: BookDeltaFrame = {
    kind: 'bookDelta',
    symbol: first.symbol,
    time: last.time,
    fromSeq: first.fromSeq,
    seq: last.seq,
    bids: mergeSide(deltas, 'bids'),
    asks: mergeSide(deltas, 'asks'),
  };
  if (deltas.some((delta) => delta.trades && delta.trades.price.length > 0)) {
    const trades: NonNullable<BookDeltaFrame['trades']> = { price: [], size: [], side: [] };
    for (const delta of deltas) {
      if (!delta.trades) continue;
      trades.price.push(...delta.trades.price);
      trades.size.push(...delta.trades.size);
      trades.side.push(...delta.trades.side);
    }
    merged.trades = trades;
  }
  if (last.checksum !== undefined) merged.checksum = last.checksum;
  return merged;
}
