import { describe, expect, it } from 'vitest';
import { historicalVar, standaloneHistoricalVar } from './historical-var.ts';

// Twenty daily returns of one asset. Sorted ascending:
// -0.041, -0.036, -0.030, -0.025, -0.019, -0.013, -0.008, -0.005, -0.002, 0.002,
//  0.004,  0.006,  0.009,  0.011,  0.012,  0.015,  0.017,  0.021,  0.027, 0.031.
const returns = [
  0.012, -0.025, 0.004, 0.031, -0.008, -0.041, 0.017, 0.002, -0.013, 0.009, -0.03, 0.021, -0.005, 0.015, -0.019, 0.006, -0.002,
  0.027, -0.036, 0.011,
];
const oneAsset = returns.map((r) => [r]);

describe('historicalVar', () => {
  it('takes the k-th worst P&L and the mean of the k worst (k = ceil((1 - c)·T))', () => {
    // c = 0.90: k = ceil(0.1·20) = 2 → VaR 1000·0.036 = 36, ES 1000·(0.041 + 0.036)/2 = 38.5.
    const at90 = historicalVar({ scenarios: oneAsset, exposures: [1000], confidence: 0.9, scale: 1 });
    expect(at90.tailCount).toBe(2);
    expect(at90.var).toBeCloseTo(36, 12);
    expect(at90.es).toBeCloseTo(38.5, 12);
    expect(at90.varScenario).toBe(18);
    // c = 0.95: k = 1 → the worst day, VaR = ES = 41.
    const at95 = historicalVar({ scenarios: oneAsset, exposures: [1000], confidence: 0.95, scale: 1 });
    expect([at95.var, at95.es]).toEqual([41, 41]);
    // c = 0.85: k = 3 → VaR 30, ES (41 + 36 + 30)/3.
    const at85 = historicalVar({ scenarios: oneAsset, exposures: [1000], confidence: 0.85, scale: 1 });
    expect(at85.var).toBeCloseTo(30, 12);
    expect(at85.es).toBeCloseTo(107 / 3, 12);
  });

  it('takes a short position’s losses from the highest returns', () => {
    // Short 1000 at c = 0.90: losses 1000·0.031 and 1000·0.027 → VaR 27, ES 29.
    const short = historicalVar({ scenarios: oneAsset, exposures: [-1000], confidence: 0.9, scale: 1 });
    expect(short.var).toBeCloseTo(27, 12);
    expect(short.es).toBeCloseTo(29, 12);
    expect(standaloneHistoricalVar(-1000, returns, 0.9, 1)).toBeCloseTo(27, 12);
    expect(standaloneHistoricalVar(1000, returns, 0.9, 1)).toBeCloseTo(36, 12);
    expect(standaloneHistoricalVar(0, returns, 0.9, 1)).toBe(0);
  });

  it('scales one-day figures by sqrt(h)', () => {
    const fourDays = historicalVar({ scenarios: oneAsset, exposures: [1000], confidence: 0.9, scale: Math.sqrt(4) });
    expect(fourDays.var).toBeCloseTo(72, 12);
    expect(fourDays.es).toBeCloseTo(77, 12);
  });

  it('attributes VaR to each asset’s loss on the VaR scenario, adding up to VaR exactly', () => {
    // Portfolio P&L per day, 1000·a - 500·b: day 0: 12 + 5 = 17, day 1: -25 - 10 = -35, ...
    const other = [
      -0.01, 0.02, 0.0, 0.01, 0.004, 0.02, -0.01, 0.0, 0.01, -0.02, 0.03, 0.0, 0.01, -0.01, 0.02, 0.0, 0.0, 0.01, -0.02, 0.0,
    ];
    const scenarios = returns.map((r, t) => [r, other[t]!]);
    const result = historicalVar({ scenarios, exposures: [1000, -500], confidence: 0.9, scale: 1 });
    // Worst first: -51 (day 5: -41 - 10), -45 (day 10: -30 - 15), -35 (day 1), -29 (day 14), -26 (day 18), ...
    // k = 2 → day 10, VaR 45 = A's loss 30 + B's loss 15; ES = (51 + 45)/2 = 48.
    expect(result.varScenario).toBe(10);
    expect(result.var).toBeCloseTo(45, 12);
    expect(result.es).toBeCloseTo(48, 12);
    expect(result.component[0]).toBeCloseTo(30, 12);
    expect(result.component[1]).toBeCloseTo(15, 12);
    expect(result.component[0]! + result.component[1]!).toBeCloseTo(result.var, 12);
    expect(result.marginal).toEqual([0.03, -0.03].map((r) => expect.closeTo(r, 14)));
  });

  it('fails with INSUFFICIENT_DATA when T < 1/(1 - c), saying how many returns are needed', () => {
    expect(() => historicalVar({ scenarios: oneAsset.slice(0, 19), exposures: [1], confidence: 0.95, scale: 1 })).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_DATA', message: expect.stringContaining('at least 20 returns') }),
    );
  });

  it('gives zero risk to a zero exposure without NaN', () => {
    const result = historicalVar({ scenarios: oneAsset, exposures: [0], confidence: 0.9, scale: 1 });
    expect(result.var + 0).toBe(0);
    expect(result.component[0]! + 0).toBe(0);
  });
});
