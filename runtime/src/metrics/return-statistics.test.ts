import { describe, expect, it } from 'vitest';
import {
  annualisedVolatility,
  compoundAnnualGrowth,
  periodReturns,
  sharpeRatio,
  sortinoRatio,
  yearsBetween,
} from './return-statistics.ts';

// Equity 102, 100.98, 104.0094, 104.0094 from 100 gives returns +2 %, −1 %, +3 %, 0 %.
const EQUITY = [102, 100.98, 104.0094, 104.0094];
const SQRT_252 = Math.sqrt(252);

describe('return statistics', () => {
  it('takes simple returns bar over bar, the first from the initial cash', () => {
    const returns = [...periodReturns(EQUITY, 100)];
    [0.02, -0.01, 0.03, 0].forEach((expected, index) => {
      expect(returns[index]).toBeCloseTo(expected, 12);
    });
  });

  it('annualises the sample standard deviation with √periodsPerYear', () => {
    // Mean 0.01; deviations 0.01, −0.02, 0.02, −0.01; squares sum to 0.001; sample variance 0.001 / 3.
    expect(annualisedVolatility(periodReturns(EQUITY, 100), 252)).toBeCloseTo(Math.sqrt(0.001 / 3) * SQRT_252, 10);
    expect(annualisedVolatility([0.01], 252)).toBeNull();
  });

  it('computes Sharpe on returns in excess of the per-bar risk-free rate', () => {
    const returns = periodReturns(EQUITY, 100);
    expect(sharpeRatio(returns, 252, 0)).toBeCloseTo((0.01 / Math.sqrt(0.001 / 3)) * SQRT_252, 9);
    // rf 2.52 % a year is 0.0001 a bar: the mean excess is 0.0099, the deviation unchanged.
    expect(sharpeRatio(returns, 252, 0.0252)).toBeCloseTo((0.0099 / Math.sqrt(0.001 / 3)) * SQRT_252, 9);
    expect(sharpeRatio([0.01, 0.01, 0.01], 252, 0)).toBeNull();
  });

  it('computes Sortino with the downside deviation over all bars, target rf', () => {
    const returns = periodReturns(EQUITY, 100);
    // Only −1 % falls short of 0: downside deviation √(0.0001 / 4) = 0.005; 0.01 / 0.005 = 2.
    expect(sortinoRatio(returns, 252, 0)).toBeCloseTo(2 * SQRT_252, 9);
    // With rf 0.0001 a bar the shortfalls are −0.0101 and −0.0001.
    const downside = Math.sqrt((0.0101 ** 2 + 0.0001 ** 2) / 4);
    expect(sortinoRatio(returns, 252, 0.0252)).toBeCloseTo((0.0099 / downside) * SQRT_252, 9);
    expect(sortinoRatio([0.01, 0.02], 252, 0)).toBeNull();
  });

  it('compounds growth over calendar years', () => {
    expect(compoundAnnualGrowth(100, 121, 2)).toBeCloseTo(0.1, 12);
    expect(compoundAnnualGrowth(100, 50, 1)).toBeCloseTo(-0.5, 12);
    expect(compoundAnnualGrowth(100, -5, 1)).toBe(-1);
    expect(compoundAnnualGrowth(100, 120, 0)).toBeNull();
    expect(yearsBetween(0, 2 * 365.25 * 86_400_000)).toBe(2);
  });
});
