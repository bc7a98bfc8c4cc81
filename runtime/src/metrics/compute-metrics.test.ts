import { describe, expect, it } from 'vitest';
import { computeMetrics } from './compute-metrics.ts';
import { defaultPeriodsPerYear } from './periods-per-year.ts';

const DAY = 86_400_000;

describe('computeMetrics', () => {
  const base = {
    timeframe: '1d' as const,
    initialCash: 100,
    periodsPerYear: 252,
    riskFreeRate: 0,
    firstOpen: 50,
    lastClose: 60,
    tradeStats: { count: 5, wins: 2, grossProfit: 30, grossLoss: 20, sumPnl: 10, sumReturn: 0.05 },
  };

  it('derives every figure from equity, times and trade statistics', () => {
    // Two daily bars spanning exactly two calendar years (first open to last close): 100 → 121 is 10 % a year.
    const metrics = computeMetrics({ ...base, equity: [110, 121], time: [0, 2 * 365.25 * DAY - DAY], barsInMarket: 1 });
    expect(metrics.totalReturn).toBeCloseTo(0.21, 12);
    expect(metrics.years).toBeCloseTo(2, 12);
    expect(metrics.cagr).toBeCloseTo(0.1, 12);
    expect(metrics.tradeCount).toBe(5);
    expect(metrics.winRate).toBe(0.4);
    expect(metrics.profitFactor).toBe(1.5);
    expect(metrics.averageTrade).toBe(2);
    expect(metrics.averageTradeReturn).toBeCloseTo(0.01, 12);
    expect(metrics.exposure).toBe(0.5);
    expect(metrics.buyAndHoldReturn).toBeCloseTo(0.2, 12);
    expect(metrics.maxDrawdown).toBe(0);
    expect(metrics.maxDrawdownRecovered).toBe(true);
  });

  it('reports the max drawdown duration in bars and time, from the peak to the recovery', () => {
    const time = [0, 1, 2, 3, 4, 5, 6].map((day) => day * DAY);
    const metrics = computeMetrics({ ...base, equity: [90, 95, 120, 60, 80, 130, 125], time, barsInMarket: 7 });
    expect(metrics.maxDrawdown).toBe(0.5);
    expect(metrics.maxDrawdownBars).toBe(3);
    expect(metrics.maxDrawdownMs).toBe(3 * DAY);
    expect(metrics.maxDrawdownRecovered).toBe(true);
  });

  it('counts an unrecovered drawdown to the last bar, from the first bar for an initial-cash peak', () => {
    const metrics = computeMetrics({ ...base, equity: [90, 80, 85], time: [0, DAY, 2 * DAY], barsInMarket: 3 });
    expect([metrics.maxDrawdownBars, metrics.maxDrawdownMs, metrics.maxDrawdownRecovered]).toEqual([3, 2 * DAY, false]);
  });

  it('leaves trade figures null without closed trades, and profit factor null without a loss', () => {
    const metrics = computeMetrics({
      ...base,
      equity: [100],
      time: [0],
      barsInMarket: 0,
      tradeStats: { count: 0, wins: 0, grossProfit: 0, grossLoss: 0, sumPnl: 0, sumReturn: 0 },
    });
    expect([metrics.winRate, metrics.profitFactor, metrics.averageTrade, metrics.sharpe, metrics.annualisedVolatility]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('defaultPeriodsPerYear', () => {
  it('counts 252 sessions of 6.5 hours', () => {
    expect(defaultPeriodsPerYear('1d')).toBe(252);
    expect(defaultPeriodsPerYear('1h')).toBe(252 * 6.5);
    expect(defaultPeriodsPerYear('1m')).toBe(252 * 390);
    expect(defaultPeriodsPerYear('5m')).toBe(252 * 78);
  });
});
