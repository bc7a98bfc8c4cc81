import type { Trade } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { AnalyticsError, type TearSheet, tearSheet } from './index.ts';

const DAY = 86_400_000;
const weekdayTimes = (count: number) => {
  const times: number[] = [];
  for (let at = Date.parse('2024-01-01T21:00:00Z'); times.length < count; at += DAY) {
    if (new Date(at).getUTCDay() % 6 !== 0) times.push(at);
  }
  return times;
};
const value = (sheet: TearSheet, id: string) => sheet.metrics.find((entry) => entry.id === id)!.value;

describe('tear sheet', () => {
  it('reads an empty run as undefined figures without throwing', () => {
    const sheet = tearSheet({ equity: { time: [], value: [] }, trades: [] });
    expect(sheet.points).toBe(0);
    expect(sheet.periods).toBe(0);
    expect(sheet.metrics.filter((entry) => entry.id !== 'trades').every((entry) => entry.value === null)).toBe(true);
    expect(value(sheet, 'trades')).toBe(0);
    expect(sheet.monthlyReturns).toEqual([]);
    expect(sheet.rolling.time).toEqual([]);
  });

  it('reads one winning trade: hit rate 1, no profit factor or payoff, turnover from its notional', () => {
    // 10 weekday bars; 10,000 cash → 10,100 after one trade bought 10 @ 100 and sold @ 110 (pnl 100).
    const time = weekdayTimes(10);
    const equity = [10_000, 10_000, 10_050, 10_100, 10_100, 10_100, 10_100, 10_100, 10_100, 10_100];
    const trade: Trade = {
      side: 'long',
      quantity: 10,
      entryTime: time[1]!,
      entryBarIndex: 1,
      entryPrice: 100,
      exitTime: time[3]!,
      exitBarIndex: 3,
      exitPrice: 110,
      pnl: 100,
      return: 0.1,
      commission: 0,
    };
    const sheet = tearSheet({ equity: { time, value: equity }, initialValue: 10_000, trades: [trade] });
    expect(sheet.periodsPerYear).toMatchObject({ value: 252, source: 'inferred' });
    expect(value(sheet, 'trades')).toBe(1);
    expect(value(sheet, 'hitRate')).toBe(1);
    expect(value(sheet, 'profitFactor')).toBeNull();
    expect(value(sheet, 'payoff')).toBeNull();
    expect(value(sheet, 'averageWin')).toBe(100);
    expect(value(sheet, 'averageLoss')).toBeNull();
    // Bars 1 and 2 held the position (entry ≤ t < exit): 2 of 10.
    expect(value(sheet, 'exposure')).toBeCloseTo(0.2, 12);
    // Notional (100 + 110) × 10 = 2,100, halved 1,050; mean equity over the 11 levels (initial included)
    // = (3 × 10,000 + 10,050 + 7 × 10,100) / 11 = 10,068.1818; years = 10 / 252 → 1,050 / 10,068.18 = 0.104289 × 25.2 = 2.62808
    expect(value(sheet, 'turnover')).toBeCloseTo(2.62808, 4);
    expect(value(sheet, 'totalReturn')).toBeCloseTo(0.01, 12);
    expect(value(sheet, 'maxDrawdown')).toBe(0);
    // The drawdown path is stamped with the equity's own times, strictly increasing (the initial value is no extra point).
    expect(sheet.drawdown.time).toEqual(time);
  });

  it('reads a flat curve: zero volatility, no Sharpe, and with a risk-free rate a negative Sortino', () => {
    const time = weekdayTimes(30);
    const flat = { time, value: time.map(() => 5_000) };
    const noRate = tearSheet({ equity: flat });
    expect(value(noRate, 'volatility')).toBe(0);
    expect(value(noRate, 'sharpe')).toBeNull();
    expect(value(noRate, 'sortino')).toBeNull();
    expect(value(noRate, 'maxDrawdown')).toBe(0);
    expect(value(noRate, 'calmar')).toBeNull();
    // rf 2.52 %/yr at P = 252 → 0.0001 per period; every return (0) falls 0.0001 short:
    // Sortino = (0 − 0.0001) / √(0.0001²) × √252 = −15.87451; Omega = 0 / (29 × 0.0001) = 0.
    const withRate = tearSheet({ equity: flat, riskFreeRate: 0.0252 });
    expect(value(withRate, 'sortino')).toBeCloseTo(-15.87451, 4);
    expect(value(withRate, 'omega')).toBe(0);
    expect(withRate.metrics.find((entry) => entry.id === 'sharpe')!.conventions).toContain('rf = 2.52 %/yr, 0.01 % per period');
  });

  it('annualises with the stated periods per year: 12 given for the same curve', () => {
    // Levels 100 → 110 → 99 → 108.9: returns 10 %, −10 %, 10 %; total 8.9 % over 3 periods.
    const time = ['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30'].map((day) => Date.parse(day));
    const sheet = tearSheet({ equity: { time, value: [100, 110, 99, 108.9] } });
    expect(sheet.periodsPerYear).toEqual({
      value: 12,
      source: 'inferred',
      rule: 'monthly points (median spacing ≥ 25 days): 12',
    });
    // CAGR = 1.089^(12 / 3) − 1 = 0.40643; mean 1/30, sample stdev √((2 × (0.0667)² + (0.1333)²) / 2) = 0.11547 → vol × √12 = 0.4
    expect(value(sheet, 'cagr')).toBeCloseTo(1.089 ** 4 - 1, 12);
    expect(value(sheet, 'volatility')).toBeCloseTo(0.4, 10);
    const given = tearSheet({ equity: { time, value: [100, 110, 99, 108.9] }, periodsPerYear: 252 });
    expect(given.periodsPerYear.source).toBe('given');
    expect(value(given, 'volatility')).toBeCloseTo(0.11547005 * Math.sqrt(252), 6);
    // Calmar = CAGR / max drawdown (99 / 110 − 1 = −10 %)
    expect(value(sheet, 'calmar')).toBeCloseTo((1.089 ** 4 - 1) / 0.1, 10);
  });

  it('gives every metric a formula and its conventions for the hover text', () => {
    const time = weekdayTimes(5);
    const sheet = tearSheet({ equity: { time, value: [1, 1.1, 1.05, 1.2, 1.15] }, benchmark: { time, value: [1, 2, 3, 4, 5] } });
    expect(sheet.metrics.length).toBeGreaterThanOrEqual(31);
    for (const entry of sheet.metrics) {
      expect(entry.formula.length, entry.id).toBeGreaterThan(5);
      expect(entry.conventions.length, entry.id).toBeGreaterThan(2);
    }
  });

  it('rejects bad input naming the field', () => {
    const check = (run: () => unknown, field: string) => {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AnalyticsError);
        expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
      }
    };
    check(() => tearSheet({ equity: { time: [1, 2], value: [1] } }), 'equity.value');
    check(() => tearSheet({ equity: { time: [2, 1], value: [1, 1] } }), 'equity.time[1]');
    check(() => tearSheet({ equity: { time: [1, 2], value: [1, 0] } }), 'equity.value[1]');
    check(() => tearSheet({ equity: { time: [1], value: [1] }, riskFreeRate: Number.NaN }), 'riskFreeRate');
    check(() => tearSheet({ equity: { time: [1], value: [1] }, benchmark: { time: [1], value: [-1] } }), 'benchmark.value[0]');
  });
});
