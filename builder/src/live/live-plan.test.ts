import { describe, expect, it } from 'vitest';
import { livePlan, tailShowsMissedBars } from './live-plan.ts';

const bars = { streaming: true, frames: ['ohlcv'] };
const query = { dataSource: 'nautilus.sim-market/bars', params: { symbol: '$coin', timeframe: '1m' } };
const recent = { from: 'now-1d', to: 'now' };

describe('livePlan', () => {
  it('streams a bars panel on its closed-bars and forming-bar channels, with the variables filled in', () => {
    const plan = livePlan(query, { coin: 'SIM:BTCUSD' }, recent, bars, ['ohlcv']);
    expect(plan).toEqual({
      kind: 'bars',
      bars: { kind: 'bars', dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m' },
      forming: { kind: 'forming', dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:BTCUSD', timeframe: '1m' },
      symbol: 'SIM:BTCUSD',
      timeframe: '1m',
      timeframeMs: 60_000,
    });
  });

  it('polls instead when the source does not stream, the range ends in the past, or the query names no instrument', () => {
    expect(livePlan(query, { coin: 'SIM:BTCUSD' }, recent, { ...bars, streaming: false }, ['ohlcv'])).toBeUndefined();
    expect(livePlan(query, { coin: 'SIM:BTCUSD' }, recent, undefined, ['ohlcv'])).toBeUndefined();
    expect(livePlan(query, { coin: 'SIM:BTCUSD' }, { from: '2026-01-01', to: '2026-02-01' }, bars, ['ohlcv'])).toBeUndefined();
    expect(livePlan(query, {}, recent, bars, ['ohlcv'])).toBeUndefined();
    expect(livePlan({ ...query, params: { symbol: 'SIM:AAPL', timeframe: '2m' } }, {}, recent, bars, ['ohlcv'])).toBeUndefined();
  });

  it('streams only what the widget draws: a book to a widget that takes books, bars to one that takes bars', () => {
    const book = { streaming: true, frames: ['book'] };
    const bookQuery = { dataSource: 'nautilus.sim-market/book', params: { symbol: 'SIM:AAPL' } };
    expect(livePlan(bookQuery, {}, recent, book, ['book'])).toEqual({
      kind: 'book',
      book: { kind: 'book', dataSource: 'nautilus.sim-market/book', symbol: 'SIM:AAPL' },
      symbol: 'SIM:AAPL',
    });
    expect(livePlan(bookQuery, {}, recent, book, ['ohlcv'])).toBeUndefined();
    expect(livePlan(query, { coin: 'SIM:AAPL' }, recent, bars, ['scalar'])).toBeUndefined();
  });
});

describe('tailShowsMissedBars', () => {
  const MINUTE = 60_000;
  const last = Date.UTC(2026, 0, 5, 14, 30);

  it('sees no miss when the first closed bar is the history’s newest one closing, or none has come yet', () => {
    expect(tailShowsMissedBars(last, last + 20_000, MINUTE, [last])).toBe(false);
    expect(tailShowsMissedBars(last, last + 20_000, MINUTE, [last, last + MINUTE])).toBe(false);
    expect(tailShowsMissedBars(last, last + 20_000, MINUTE, [])).toBe(false);
    expect(tailShowsMissedBars(last, last + 20_000, MINUTE, [last - MINUTE])).toBe(false);
  });

  it('sees the close of a still-forming newest bar missed when the next bar comes first', () => {
    expect(tailShowsMissedBars(last, last + 20_000, MINUTE, [last + MINUTE])).toBe(true);
  });

  it('sees no miss when the history’s newest bar had already closed when it arrived', () => {
    expect(tailShowsMissedBars(last, last + MINUTE + 10_000, MINUTE, [last + MINUTE])).toBe(false);
  });

  it('sees whole bars missed when the first closed bar is more than a timeframe after the history', () => {
    expect(tailShowsMissedBars(last, last + 5 * MINUTE, MINUTE, [last + 3 * MINUTE])).toBe(true);
  });
});
