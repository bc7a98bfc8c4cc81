import type { BookFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { decimalsOf, depthModel, rowsThatFit, tickOf } from './depth-model.ts';

const book: BookFrame = {
  kind: 'book',
  symbol: 'SIM:AAPL',
  time: 0,
  seq: 42,
  bids: { price: [100.02, 100.01, 99.99, 99.95], size: [3, 2, 5, 10] },
  asks: { price: [100.04, 100.05, 100.09, 100.12], size: [1, 4, 2, 8] },
  tickSize: 0.01,
};

describe('depthModel', () => {
  it('gives each level its size and the running total from the best price outwards', () => {
    const model = depthModel(book, 10, 1, 0);
    expect(model.bids.map((row) => [row.price, row.size, row.total])).toEqual([
      [100.02, 3, 3],
      [100.01, 2, 5],
      [99.99, 5, 10],
      [99.95, 10, 20],
    ]);
    expect(model.asks.map((row) => row.total)).toEqual([1, 5, 7, 15]);
    expect(model.maxTotal).toBe(20);
    expect(model.seq).toBe(42);
  });

  it('computes spread, mid and the spread in basis points from the best prices', () => {
    const model = depthModel(book, 10, 1, 0);
    expect(model.spread).toBeCloseTo(0.02, 10);
    expect(model.mid).toBeCloseTo(100.03, 10);
    // 0.02 / 100.03 × 10,000 = 1.9994 bps
    expect(model.spreadBps).toBeCloseTo(1.9994, 3);
  });

  it('groups by multiples of the tick: bids down to the bucket floor, asks up to its ceiling, sizes summed', () => {
    const model = depthModel(book, 10, 5, 0);
    expect(model.step).toBe(0.05);
    expect(model.priceDecimals).toBe(2);
    // Bids 100.02 + 100.01 → 100.00 (5); 99.99 + 99.95 → 99.95 (15). Asks 100.04 + 100.05 → 100.05 (5); 100.09 → 100.10; 100.12 → 100.15.
    expect(model.bids.map((row) => [row.price, row.size])).toEqual([
      [100, 5],
      [99.95, 15],
    ]);
    expect(model.asks.map((row) => [row.price, row.size])).toEqual([
      [100.05, 5],
      [100.1, 2],
      [100.15, 8],
    ]);
    // The spread stays the raw one: grouping widens the ladder, not the market.
    expect(model.spread).toBeCloseTo(0.02, 10);
  });

  it('cuts each side to the levels asked for', () => {
    const model = depthModel(book, 2, 1, 3);
    expect(model.bids).toHaveLength(2);
    expect(model.asks).toHaveLength(2);
    expect(model.maxTotal).toBe(5);
    expect(model.resyncs).toBe(3);
  });

  it('has no spread or mid when a side is empty', () => {
    const model = depthModel({ ...book, asks: { price: [], size: [] } }, 10, 1, 0);
    expect(model.spread).toBeUndefined();
    expect(model.mid).toBeUndefined();
  });
});

describe('tickOf', () => {
  it('takes the frame’s tick size, else the smallest gap between prices', () => {
    expect(tickOf(book)).toBe(0.01);
    const { tickSize: _, ...withoutTick } = book;
    expect(
      tickOf({ ...withoutTick, bids: { price: [50.5, 50.25], size: [1, 1] }, asks: { price: [51, 52], size: [1, 1] } }),
    ).toBe(0.25);
  });
});

describe('helpers', () => {
  it('counts decimals as written, including exponent notation', () => {
    expect([decimalsOf(0.05), decimalsOf(25), decimalsOf(1e-7), decimalsOf(2.5e-7)]).toEqual([2, 0, 7, 8]);
  });

  it('fits rows per side to the height, at least one and at most the levels asked for', () => {
    expect(rowsThatFit(400, 20, 15)).toBe(9);
    expect(rowsThatFit(10, 20, 15)).toBe(1);
    expect(rowsThatFit(2000, 20, 15)).toBe(15);
  });
});
