import type { BookDeltaFrame, BookFrame, BookLevels } from './book-frame.ts';

const isSeq = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

function checkLevels(levels: BookLevels | undefined, at: string, descending: boolean): string | undefined {
  if (levels === null || typeof levels !== 'object') return `${at} must be an object with price and size arrays`;
  const { price, size } = levels;
  if (!Array.isArray(price) || !Array.isArray(size) || price.length !== size.length) {
    return `${at}.price and ${at}.size must be arrays of equal length`;
  }
  for (let index = 0; index < price.length; index++) {
    const value = price[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${at}.price[${index}] must be a finite number`;
    const amount = size[index];
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
      return `${at}.size[${index}] must be a finite number >= 0`;
    if (index > 0) {
      const previous = price[index - 1] as number;
      if (descending ? !(value < previous) : !(value > previous)) {
        return `${at}.price must be strictly ${descending ? 'decreasing (best bid first)' : 'increasing (best ask first)'}: price[${index}] is ${value} after ${previous}`;
      }
    }
  }
  return undefined;
}

/**
 * The checks `checkFrames` runs on `book` and `bookDelta` frames: levels best first and strictly
 * sorted, finite prices, sizes >= 0, integer sequence numbers (fromSeq <= seq), a snapshot not crossed,
 * trades with a side each. Returns the first problem, or undefined.
 */
export function checkBookFrame(frame: BookFrame | BookDeltaFrame, at: string): string | undefined {
  if (typeof frame.symbol !== 'string' || frame.symbol === '') return `${at}.symbol must be a non-empty string`;
  if (!Number.isFinite(frame.time)) return `${at}.time must be a finite number (epoch ms)`;
  if (!isSeq(frame.seq)) return `${at}.seq must be an integer >= 0`;
  if (frame.kind === 'bookDelta' && !(isSeq(frame.fromSeq) && frame.fromSeq <= frame.seq)) {
    return `${at}.fromSeq must be an integer from 0 to seq (${frame.seq})`;
  }
  const problem = checkLevels(frame.bids, `${at}.bids`, true) ?? checkLevels(frame.asks, `${at}.asks`, false);
  if (problem) return problem;
  if (frame.checksum !== undefined && !(Number.isInteger(frame.checksum) && frame.checksum >= 0 && frame.checksum < 2 ** 32)) {
    return `${at}.checksum must be an unsigned 32-bit integer`;
  }
  if (frame.kind === 'book') {
    if (frame.tickSize !== undefined && !(Number.isFinite(frame.tickSize) && frame.tickSize > 0))
      return `${at}.tickSize must be a positive number`;
    const bestBid = frame.bids.price[0];
    const bestAsk = frame.asks.price[0];
    if (bestBid !== undefined && bestAsk !== undefined && bestBid >= bestAsk) {
      return `${at} is crossed: best bid ${bestBid} must be below best ask ${bestAsk}`;
    }
    return undefined;
  }
  const trades = frame.trades;
  if (trades === undefined) return undefined;
  if (trades === null || !Array.isArray(trades.price) || !Array.isArray(trades.size) || !Array.isArray(trades.side)) {
    return `${at}.trades must have price, size and side arrays`;
  }
  if (trades.size.length !== trades.price.length || trades.side.length !== trades.price.length) {
    return `${at}.trades.price, size and side must be of equal length`;
  }
  for (let index = 0; index < trades.price.length; index++) {
    if (!Number.isFinite(trades.price[index])) return `${at}.trades.price[${index}] must be a finite number`;
    const size = trades.size[index] as number;
    if (!(Number.isFinite(size) && size > 0)) return `${at}.trades.size[${index}] must be a positive number`;
    if (trades.side[index] !== 'buy' && trades.side[index] !== 'sell')
      return `${at}.trades.side[${index}] must be 'buy' or 'sell'`;
  }
  return undefined;
}
