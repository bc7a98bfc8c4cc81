import type { Fill, Trade } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { MAX_LABELLED_TRADES, openPosition, tradeMarkers, tradeNotesAt } from './trade-markers.ts';

const DAY = 86_400_000;
const trade = (overrides: Partial<Trade>): Trade => ({
  side: 'long',
  quantity: 10,
  entryTime: 1 * DAY,
  entryBarIndex: 1,
  entryPrice: 102,
  exitTime: 3 * DAY,
  exitBarIndex: 3,
  exitPrice: 103,
  pnl: 8,
  return: 8 / 1_020,
  commission: 2,
  ...overrides,
});

describe('tradeMarkers', () => {
  it('marks a long with a buy arrow under its entry bar and a sell arrow over its exit bar, in seconds', () => {
    expect(tradeMarkers([trade({})])).toEqual([
      { id: 'trade-0-entry', time: 86_400, position: 'belowBar', shape: 'arrowUp', color: '#26a69a', text: 'Long 10' },
      { id: 'trade-0-exit', time: 259_200, position: 'aboveBar', shape: 'arrowDown', color: '#ef5350', text: '+8.00' },
    ]);
  });

  it('marks a short the other way round, and a losing exit with its negative P&L', () => {
    const [entry, exit] = tradeMarkers([trade({ side: 'short', quantity: 5, pnl: -12.5 })]);
    expect(entry).toMatchObject({ shape: 'arrowDown', position: 'aboveBar', text: 'Short 5' });
    expect(exit).toMatchObject({ shape: 'arrowUp', position: 'belowBar', text: '-12.50' });
  });

  it('sorts by time, keeping an exit before the entry of a flip on the same bar', () => {
    const markers = tradeMarkers([
      trade({ entryTime: 5 * DAY, exitTime: 6 * DAY }),
      trade({ entryTime: 1 * DAY, exitTime: 5 * DAY }),
    ]);
    expect(markers.map((marker) => [marker.time / 86_400, marker.id])).toEqual([
      [1, 'trade-1-entry'],
      [5, 'trade-0-entry'],
      [5, 'trade-1-exit'],
      [6, 'trade-0-exit'],
    ]);
  });

  it('draws two markers per trade, without text beyond the labelled limit', () => {
    const many = Array.from({ length: MAX_LABELLED_TRADES + 1 }, (_, index) =>
      trade({ entryTime: index * 2 * DAY, exitTime: (index * 2 + 1) * DAY }),
    );
    const markers = tradeMarkers(many);
    expect(markers).toHaveLength(2 * many.length);
    expect(markers.every((marker) => marker.text === '')).toBe(true);
    // A phone labels none.
    expect(tradeMarkers([trade({})], undefined, 0).map((marker) => marker.text)).toEqual(['', '']);
  });
});

describe('tradeNotesAt', () => {
  it('describes side, size, price and P&L of the trades entered or left on a bar', () => {
    const trades = [
      trade({}),
      trade({ side: 'short', entryTime: 3 * DAY, exitTime: 4 * DAY, entryPrice: 103, exitPrice: 99.5, pnl: 33, return: 0.032 }),
    ];
    expect(tradeNotesAt(trades, 3 * DAY)).toEqual([
      { trade: 1, kind: 'exit', text: '#1 Long exit: sell 10 @ 103.00 · P&L +8.00 (+0.78%)', pnl: 8 },
      { trade: 2, kind: 'entry', text: '#2 Short entry: sell 10 @ 103.00', pnl: null },
    ]);
    expect(tradeNotesAt(trades, 2 * DAY)).toEqual([]);
  });
});

describe('openPosition', () => {
  const fill = (side: 'buy' | 'sell', day: number): Fill => ({
    orderId: day,
    side,
    quantity: 10,
    price: 100,
    commission: 0,
    time: day * DAY,
    barIndex: day,
    tag: null,
  });

  it('finds the fill that opened the position still held at the end, and marks it', () => {
    const fills = [fill('buy', 1), fill('sell', 3), fill('buy', 6)];
    const open = openPosition(fills, [trade({})], { quantity: 10, avgPrice: 101.5 });
    expect(open).toEqual({ side: 'long', quantity: 10, time: 6 * DAY, price: 101.5 });
    const markers = tradeMarkers([trade({})], open);
    expect(markers).toHaveLength(3);
    expect(markers.at(-1)).toMatchObject({ id: 'open-entry', time: 6 * 86_400, shape: 'arrowUp', text: 'Long 10 (open)' });
    expect(tradeNotesAt([trade({})], 6 * DAY, open).map((note) => note.text)).toEqual([
      'Open long: buy 10 @ 101.50, still held at the end',
    ]);
  });

  it('takes the fill that flipped a trade into a short, and nothing when flat', () => {
    const fills = [fill('buy', 1), fill('sell', 3)];
    expect(openPosition(fills, [trade({})], { quantity: -10, avgPrice: 103 })).toMatchObject({ side: 'short', time: 3 * DAY });
    expect(openPosition(fills, [trade({})], { quantity: 0, avgPrice: 0 })).toBeUndefined();
  });
});
