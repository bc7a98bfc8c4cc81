import type { BacktestMetrics } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { curveFrames, curveRange, equityFrame, metricRows, percent, pnlText, ratio } from './lab-format.ts';

const metrics = {
  totalReturn: 0.1234,
  cagr: null,
  annualisedVolatility: 0.2,
  sharpe: 1.234,
  sortino: null,
  maxDrawdown: 0.25,
  maxDrawdownBars: 3,
  maxDrawdownMs: 1,
  maxDrawdownRecovered: true,
  tradeCount: 7,
  winRate: 0.5,
  profitFactor: 1.5,
  averageTrade: 1,
  averageTradeReturn: 0.01,
  exposure: 0.333,
  buyAndHoldReturn: -0.05,
  periodsPerYear: 252,
  years: 1,
} satisfies BacktestMetrics;

describe('formatting', () => {
  it('formats percentages and ratios, with a dash for missing figures', () => {
    expect(percent(0.1234)).toBe('12.34 %');
    expect(percent(null)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
    expect(ratio(1.234)).toBe('1.23');
    expect(ratio(undefined)).toBe('—');
  });

  it('lists the metrics in order', () => {
    const rows = metricRows(metrics);
    expect(rows.map((row) => row.label)).toEqual([
      'Total return',
      'CAGR',
      'Sharpe',
      'Sortino',
      'Max drawdown',
      'Win rate',
      'Profit factor',
      'Trades',
      'Exposure',
      'Buy & hold',
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.key, row.value]))).toMatchObject({
      totalReturn: '12.34 %',
      cagr: '—',
      maxDrawdown: '-25.00 %',
      winRate: '50.0 %',
      tradeCount: '7',
      exposure: '33.3 %',
      buyAndHoldReturn: '-5.00 %',
    });
  });

  it('summarises a pnl', () => {
    expect(pnlText(500, 10_000)).toBe('+500.00 (+5.00 %)');
    expect(pnlText(-20, undefined)).toBe('-20.00');
    expect(pnlText(null, 1)).toBe('—');
  });
});

describe('curveFrames', () => {
  it('builds an equity and a drawdown time series', () => {
    const curve = { time: [1, 2, 3], equity: [100, 110, 99], drawdown: [0, 0, -0.1] };
    const { equity, drawdown } = curveFrames(curve);
    expect(equity).toEqual({ kind: 'timeseries', series: [{ name: 'Equity', time: [1, 2, 3], values: [100, 110, 99] }] });
    expect(drawdown.series[0]!.values).toEqual([0, 0, -10]);
    expect(drawdown.series[0]!.unit).toBe('%');
    expect(curveRange(curve)).toEqual({ from: 1, to: 3 });
    expect(curveRange({ time: [], equity: [], drawdown: [] })).toEqual({ from: 0, to: 1 });
  });
});

describe('equityFrame', () => {
  it('turns a deployment equity record into a frame, and nothing into undefined', () => {
    expect(equityFrame({ time: [1, 2], equity: [10, 11] })).toEqual({
      kind: 'timeseries',
      series: [{ name: 'Equity', time: [1, 2], values: [10, 11] }],
    });
    expect(equityFrame({ time: [], equity: [] })).toBeUndefined();
    expect(equityFrame(null)).toBeUndefined();
  });
});
