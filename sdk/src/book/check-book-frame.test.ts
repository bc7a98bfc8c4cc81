import { describe, expect, it } from 'vitest';
import { checkFrames } from '../index.ts';

const book = (overrides: Record<string, unknown> = {}) => ({
  kind: 'book',
  symbol: 'SIM:AAPL',
  time: 1,
  seq: 10,
  bids: { price: [99.99, 99.98], size: [5, 1] },
  asks: { price: [100.01, 100.02], size: [3, 0.5] },
  tickSize: 0.01,
  ...overrides,
});
const delta = (overrides: Record<string, unknown> = {}) => ({
  kind: 'bookDelta',
  symbol: 'SIM:AAPL',
  time: 2,
  fromSeq: 11,
  seq: 12,
  bids: { price: [99.99], size: [0] },
  asks: { price: [], size: [] },
  trades: { price: [99.99], size: [5], side: ['sell'] },
  ...overrides,
});

describe('checkFrames on books', () => {
  it('accepts a book and a delta of the sdk shapes', () => {
    expect(checkFrames([book(), delta()], ['book', 'bookDelta'])).toBeUndefined();
    expect(checkFrames([book()], ['ohlcv'])).toBe('frames[0].kind must be one of ohlcv');
  });

  it('names the field of each problem', () => {
    const check = (frame: unknown) => checkFrames([frame], ['book', 'bookDelta']);
    expect(check(book({ bids: { price: [99.98, 99.99], size: [1, 1] } }))).toMatch(
      /^frames\[0\]\.bids\.price must be strictly decreasing/,
    );
    expect(check(book({ asks: { price: [100.02, 100.01], size: [1, 1] } }))).toMatch(
      /^frames\[0\]\.asks\.price must be strictly increasing/,
    );
    expect(check(book({ asks: { price: [100.01], size: [-1] } }))).toBe('frames[0].asks.size[0] must be a finite number >= 0');
    expect(check(book({ bids: { price: [Number.NaN], size: [1] } }))).toBe('frames[0].bids.price[0] must be a finite number');
    expect(check(book({ bids: { price: [1, 2], size: [1] } }))).toBe(
      'frames[0].bids.price and frames[0].bids.size must be arrays of equal length',
    );
    expect(check(book({ seq: 1.5 }))).toBe('frames[0].seq must be an integer >= 0');
    expect(check(book({ bids: { price: [100.01], size: [1] } }))).toBe(
      'frames[0] is crossed: best bid 100.01 must be below best ask 100.01',
    );
    expect(check(book({ tickSize: 0 }))).toBe('frames[0].tickSize must be a positive number');
    expect(check(book({ checksum: -1 }))).toBe('frames[0].checksum must be an unsigned 32-bit integer');
    expect(check(delta({ fromSeq: 13 }))).toBe('frames[0].fromSeq must be an integer from 0 to seq (12)');
    expect(check(delta({ trades: { price: [1], size: [1], side: ['up'] } }))).toBe(
      "frames[0].trades.side[0] must be 'buy' or 'sell'",
    );
    expect(check(delta({ trades: { price: [1], size: [0], side: ['buy'] } }))).toBe(
      'frames[0].trades.size[0] must be a positive number',
    );
    expect(check(delta({ symbol: '' }))).toBe('frames[0].symbol must be a non-empty string');
  });
});
