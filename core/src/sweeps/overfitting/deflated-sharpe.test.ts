import { describe, expect, it } from 'vitest';
import { deflatedSharpe, moments } from './deflated-sharpe.ts';
import { normalCdf, normalQuantile } from './normal.ts';

describe('normal distribution', () => {
  it('matches the standard normal tables', () => {
    // Abramowitz & Stegun, Table 26.1 / 26.5: Φ(1.96) = 0.9750021, Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.99) = 2.326347874.
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326347874, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
  });
});

describe('deflatedSharpe', () => {
  it("reproduces Bailey & López de Prado's numerical example (SR0 ≈ 0.1132, DSR ≈ 0.9004)", () => {
    // "The Deflated Sharpe Ratio" (2014), section 5: annualised SR 2.5 over 5 years of daily returns
    // (T = 1250, 250 days a year), 100 trials whose annualised SRs have variance 0.5, skew -3, kurtosis 10.
    const result = deflatedSharpe({
      sharpe: 2.5 / Math.sqrt(250),
      observations: 1250,
      skew: -3,
      kurtosis: 10,
      trials: 100,
      trialSharpeVariance: 0.5 / 250,
    });
    expect(result.expectedMaxSharpe).toBeCloseTo(0.1132, 4);
    expect(result.dsr).toBeCloseTo(0.9004, 3);
  });

  it('gives one trial no deflation: the probabilistic Sharpe ratio against zero', () => {
    // By hand: SR 0.1, T 101, normal returns (skew 0, kurtosis 3): z = 0.1·10/sqrt(1 + 0.5·0.01) = 0.99751, Φ(z) = 0.84073.
    const result = deflatedSharpe({ sharpe: 0.1, observations: 101, skew: 0, kurtosis: 3, trials: 1, trialSharpeVariance: 0.01 });
    expect(result.expectedMaxSharpe).toBe(0);
    expect(result.dsr).toBeCloseTo(0.84073, 4);
  });
});

describe('moments', () => {
  it('gives the population skew and kurtosis of a small sample', () => {
    // By hand for [1, 2, 3, 10]: mean 4, deviations -3 -2 -1 6; m2 = 12.5, m3 = 45, m4 = 348.5.
    const result = moments([1, 2, 3, 10]);
    expect(result.mean).toBe(4);
    expect(result.skew).toBeCloseTo(45 / 12.5 ** 1.5, 12);
    expect(result.kurtosis).toBeCloseTo(348.5 / 156.25, 12);
    expect(result.std).toBeCloseTo(Math.sqrt(50 / 3), 12);
  });
});
