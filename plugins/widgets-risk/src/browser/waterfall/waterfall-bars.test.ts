import { describe, expect, it } from 'vitest';
import { valueAxis, waterfallBars } from './waterfall-bars.ts';

const positions = [
  { symbol: 'SIM:AAPL', pnl: 300 },
  { symbol: 'SIM:TLT', pnl: -500 },
  { symbol: 'SIM:EURUSD', pnl: Number.NaN },
  { symbol: 'SIM:BTCUSD', pnl: 100 },
];

describe('waterfallBars', () => {
  it('floats each bar from the running total, largest moves first, then the total from 0', () => {
    // -500 → -500; +300 → -200; +100 → -100; total -100.
    expect(waterfallBars(positions, 'magnitude')).toEqual([
      { label: 'SIM:TLT', kind: 'down', from: 0, to: -500, value: -500 },
      { label: 'SIM:AAPL', kind: 'up', from: -500, to: -200, value: 300 },
      { label: 'SIM:BTCUSD', kind: 'up', from: -200, to: -100, value: 100 },
      { label: 'Total', kind: 'total', from: 0, to: -100, value: -100 },
    ]);
  });

  it('keeps the order of the data on request', () => {
    const bars = waterfallBars(positions, 'input');
    expect(bars.map((bar) => [bar.label, bar.from, bar.to])).toEqual([
      ['SIM:AAPL', 0, 300],
      ['SIM:TLT', 300, -200],
      ['SIM:BTCUSD', -200, -100],
      ['Total', 0, -100],
    ]);
  });

  it('has only a zero total without positions', () => {
    expect(waterfallBars([], 'magnitude')).toEqual([{ label: 'Total', kind: 'total', from: 0, to: 0, value: 0 }]);
  });
});

describe('valueAxis', () => {
  it('covers every bar and 0 on round ticks', () => {
    expect(valueAxis(waterfallBars(positions, 'magnitude'))).toEqual({
      min: -500,
      max: 0,
      ticks: [-500, -400, -300, -200, -100, 0],
    });
    // Span 1,250: a fifth is 250 = 2.5 × 100.
    expect(
      valueAxis(
        waterfallBars(
          [
            { symbol: 'A', pnl: 1200 },
            { symbol: 'B', pnl: -1250 },
          ],
          'input',
        ),
      ).ticks,
    ).toEqual([-250, 0, 250, 500, 750, 1000, 1250]);
  });

  it('gives small P&L decimal ticks without binary drift', () => {
    expect(valueAxis(waterfallBars([{ symbol: 'A', pnl: 0.3 }], 'input')).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives an all-zero waterfall a unit axis', () => {
    expect(valueAxis(waterfallBars([{ symbol: 'A', pnl: 0 }], 'input'))).toMatchObject({ min: 0, max: 1 });
  });
});
