import { describe, expect, it } from 'vitest';
import {
  annualisedVolatility,
  compoundAnnualGrowth,
  excessKurtosis,
  omegaRatio,
  sharpeRatio,
  skewness,
  sortinoRatio,
  tailRatio,
} from './index.ts';

// Expected values are worked by hand in the comments (a calculator for the square roots), or by a
// second implementation written here from the textbook moment formulas, not from the code under test.
describe('return ratios', () => {
  it('annualises Sharpe with √P and the sample deviation', () => {
    // r = [1 %, 3 %]: mean 0.02, sample stdev √((0.01² + 0.01²) / 1) = 0.0141421; 0.02 / 0.0141421 = 1.41421 × √252 = 22.44994
    expect(sharpeRatio([0.01, 0.03], 252, 0)).toBeCloseTo(22.44994, 4);
    // rf 2.52 %/yr → 0.0001 per period: (0.02 − 0.0001) / 0.0141421 × √252 = 1.40714 × 15.87451 = 22.33770
    expect(sharpeRatio([0.01, 0.03], 252, 0.0252 / 252)).toBeCloseTo(22.3377, 3);
    expect(sharpeRatio([0.01], 252, 0)).toBeNull();
    expect(sharpeRatio([0.01, 0.01, 0.01], 252, 0)).toBeNull();
  });

  it('computes Sortino over all periods with target rf', () => {
    // r = [2, −1, 3, −2] %: mean 0.005; downside squares 0.0001 + 0.0004 = 0.0005 / 4 = 0.000125, √ = 0.0111803
    // 0.005 / 0.0111803 = 0.447214 × √252 = 7.09930
    expect(sortinoRatio([0.02, -0.01, 0.03, -0.02], 252, 0)).toBeCloseTo(7.0993, 4);
    expect(sortinoRatio([0.01, 0.02], 252, 0)).toBeNull();
  });

  it('computes Omega against the per-period threshold', () => {
    // gains above 0: 0.02 + 0.03 = 0.05; shortfalls: 0.01 + 0.02 = 0.03; 0.05 / 0.03 = 1.66667
    expect(omegaRatio([0.02, -0.01, 0.03, -0.02], 0)).toBeCloseTo(1.666667, 6);
    // threshold 0.01: gains 0.01 + 0.02 = 0.03; shortfalls 0.02 + 0.03 = 0.05 → 0.6
    expect(omegaRatio([0.02, -0.01, 0.03, -0.02], 0.01)).toBeCloseTo(0.6, 10);
  });

  it('takes the tail ratio from linearly interpolated percentiles (numpy default)', () => {
    // −0.10 … 0.09 step 0.01 (20 values): p95 at index 0.95 × 19 = 18.05 → 0.08 + 0.05 × 0.01 = 0.0805;
    // p5 at index 0.95 → −0.10 + 0.95 × 0.01 = −0.0905; 0.0805 / 0.0905 = 0.889503
    const values = Array.from({ length: 20 }, (_, index) => (index - 10) / 100);
    expect(tailRatio(values)).toBeCloseTo(0.889503, 6);
    expect(tailRatio([])).toBeNull();
  });

  it('states CAGR from the number of periods: 21 % over two years of daily periods is 10 % a year', () => {
    // 1.21^(252 / 504) = 1.1
    expect(compoundAnnualGrowth(0.21, 504, 252)).toBeCloseTo(0.1, 12);
    expect(compoundAnnualGrowth(-1, 10, 252)).toBe(-1);
    expect(compoundAnnualGrowth(0.1, 0, 252)).toBeNull();
  });

  it('scales volatility by √P: the same returns read monthly are √(252/12) less volatile', () => {
    const returns = [0.01, -0.02, 0.015, 0.003, -0.007];
    expect(annualisedVolatility(returns, 252)! / annualisedVolatility(returns, 12)!).toBeCloseTo(Math.sqrt(21), 12);
  });

  it('reports skew G1 and excess kurtosis G2 as pandas does (checked by the g1/g2 moment formulas)', () => {
    const returns = [0.012, -0.03, 0.004, 0.021, -0.005, 0.047, -0.011, 0.002, -0.026, 0.009];
    const n = returns.length;
    const average = returns.reduce((sum, value) => sum + value, 0) / n;
    const moment = (k: number) => returns.reduce((sum, value) => sum + (value - average) ** k, 0) / n;
    const g1 = moment(3) / moment(2) ** 1.5;
    const g2 = moment(4) / moment(2) ** 2 - 3;
    // Joanes & Gill (1998): G1 = g1·√(n(n−1)) / (n−2); G2 = ((n+1)·g2 + 6)·(n−1) / ((n−2)(n−3))
    expect(skewness(returns)).toBeCloseTo((g1 * Math.sqrt(n * (n - 1))) / (n - 2), 10);
    expect(excessKurtosis(returns)).toBeCloseTo((((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3)), 10);
    expect(skewness([0.01, 0.01, 0.01])).toBeNull();
    expect(excessKurtosis([0.01, 0.02, 0.03])).toBeNull();
  });
});
