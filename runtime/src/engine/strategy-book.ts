import type { StrategyBook } from '@nautilus/sdk';

/** Levels a side `ctx.book` holds. */
export const STRATEGY_BOOK_LEVELS = 10;

/** Best-first levels of a book, as the host has them (a BookFrame's sides, or OrderBook.top()). */
interface BookLevelsLike {
  price: readonly number[];
  size: readonly number[];
}

/**
 * Packs a book's top levels into one Float64Array for the trip into the sandbox:
 * `[time, bidCount, askCount, bid prices…, bid sizes…, ask prices…, ask sizes…]`.
 */
export function encodeStrategyBook(book: { time: number; bids: BookLevelsLike; asks: BookLevelsLike }): Float64Array {
  const bids = Math.min(STRATEGY_BOOK_LEVELS, book.bids.price.length);
  const asks = Math.min(STRATEGY_BOOK_LEVELS, book.asks.price.length);
  const encoded = new Float64Array(3 + 2 * bids + 2 * asks);
  encoded[0] = book.time;
  encoded[1] = bids;
  encoded[2] = asks;
  let at = 3;
  for (const [levels, count] of [
    [book.bids, bids],
    [book.asks, asks],
  ] as const) {
    for (let index = 0; index < count; index++) encoded[at + index] = levels.price[index] as number;
    for (let index = 0; index < count; index++) encoded[at + count + index] = levels.size[index] as number;
    at += 2 * count;
  }
  return encoded;
}

/** The frozen `ctx.book` of an encoded book; undefined when the array is not a well-formed one. */
export function decodeStrategyBook(encoded: Float64Array): StrategyBook | undefined {
  const bids = encoded[1] as number;
  const asks = encoded[2] as number;
  const counts = [bids, asks];
  if (!counts.every((count) => Number.isInteger(count) && count >= 0 && count <= STRATEGY_BOOK_LEVELS)) return undefined;
  if (encoded.length !== 3 + 2 * bids + 2 * asks) return undefined;
  const side = (from: number, count: number) =>
    Object.freeze({
      price: Object.freeze(Array.from(encoded.subarray(from, from + count))),
      size: Object.freeze(Array.from(encoded.subarray(from + count, from + 2 * count))),
    });
  const bidSide = side(3, bids);
  const askSide = side(3 + 2 * bids, asks);
  const bestBid = bidSide.price[0];
  const bestAsk = askSide.price[0];
  const both = bestBid !== undefined && bestAsk !== undefined;
  return Object.freeze({
    time: encoded[0] as number,
    bestBid,
    bestAsk,
    spread: both ? bestAsk - bestBid : undefined,
    mid: both ? (bestAsk + bestBid) / 2 : undefined,
    bids: bidSide,
    asks: askSide,
  });
}
