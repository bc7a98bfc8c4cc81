import { describe, expect, it } from 'vitest';
import { correlationFromCovariance, ewmaCovariance, sampleCovariance } from './index.ts';
import { correlatedReturns } from './test-data.ts';

// Three days of two assets. Means: A (0.01 - 0.02 + 0.04)/3 = 0.01, B (0.02 + 0.01 + 0)/3 = 0.01.
// Deviations: A [0, -0.03, 0.03], B [0.01, 0, -0.01].
// var A = (0 + 9e-4 + 9e-4)/2 = 9e-4; var B = (1e-4 + 0 + 1e-4)/2 = 1e-4; cov = (0 + 0 - 3e-4)/2 = -1.5e-4.
const rows = [
  [0.01, 0.02],
  [-0.02, 0.01],
  [0.04, 0.0],
];

function expectMatrixClose(actual: number[][], expected: number[][], digits = 15): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, i) => {
    row.forEach((value, j) => {
      expect(actual[i]![j]).toBeCloseTo(value, digits);
    });
  });
}

describe('sampleCovariance', () => {
  it('divides by T - 1 (hand-computed 2×2)', () => {
    expectMatrixClose(sampleCovariance(rows), [
      [9e-4, -1.5e-4],
      [-1.5e-4, 1e-4],
    ]);
  });

  it('needs at least two returns', () => {
    expect(() => sampleCovariance([[0.01]])).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_DATA' }));
  });

  it('names a ragged or non-finite row', () => {
    expect(() => sampleCovariance([[0.01, 0.02], [0.01]])).toThrow(/returns\[1\]/);
    expect(() => sampleCovariance([[0.01], [Number.NaN]])).toThrow(/returns\[1\]\[0\]/);
  });
});

describe('ewmaCovariance', () => {
  it('seeds with the first outer product and applies the RiskMetrics recursion (hand-computed)', () => {
    // Σ1 = r1·r1ᵀ = [[1e-4, 2e-4], [2e-4, 4e-4]].
    // Σ2 = 0.94·Σ1 + 0.06·r2·r2ᵀ, r2·r2ᵀ = [[4e-4, -2e-4], [-2e-4, 1e-4]]
    //    = [[0.94e-4 + 0.24e-4, 1.88e-4 - 0.12e-4], [·, 3.76e-4 + 0.06e-4]] = [[1.18e-4, 1.76e-4], [1.76e-4, 3.82e-4]].
    expectMatrixClose(ewmaCovariance(rows.slice(0, 2)), [
      [1.18e-4, 1.76e-4],
      [1.76e-4, 3.82e-4],
    ]);
    // Σ3 = 0.94·Σ2 + 0.06·[[16e-4, 0], [0, 0]] = [[1.1092e-4 + 0.96e-4, 1.6544e-4], [1.6544e-4, 3.5908e-4]].
    expectMatrixClose(ewmaCovariance(rows), [
      [2.0692e-4, 1.6544e-4],
      [1.6544e-4, 3.5908e-4],
    ]);
  });

  it('uses the decay it is given: λ = 0.5 gives half the old matrix plus half the new outer product', () => {
    // Σ2 = 0.5·[[1e-4, 2e-4], [2e-4, 4e-4]] + 0.5·[[4e-4, -2e-4], [-2e-4, 1e-4]] = [[2.5e-4, 0], [0, 2.5e-4]].
    expectMatrixClose(ewmaCovariance(rows.slice(0, 2), 0.5), [
      [2.5e-4, 0],
      [0, 2.5e-4],
    ]);
  });

  it('equals the explicit weighted sum λ^(T-1)·r1·r1ᵀ + Σ (1 - λ)·λ^(T-t)·r_t·r_tᵀ, weights summing to one', () => {
    const long = correlatedReturns(
      300,
      [0.01, 0.02],
      [
        [1, 0.3],
        [0.3, 1],
      ],
      7,
    );
    const lambda = 0.94;
    const T = long.length;
    const expected = [
      [0, 0],
      [0, 0],
    ];
    let weightSum = 0;
    long.forEach((row, index) => {
      const t = index + 1;
      const weight = t === 1 ? lambda ** (T - 1) : (1 - lambda) * lambda ** (T - t);
      weightSum += weight;
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expected[i]![j]! += weight * row[i]! * row[j]!;
    });
    expect(weightSum).toBeCloseTo(1, 12);
    expectMatrixClose(ewmaCovariance(long, lambda), expected, 17);
  });

  it('rejects a decay outside (0, 1), naming lambda', () => {
    expect(() => ewmaCovariance(rows, 1)).toThrow(/lambda/);
    expect(() => ewmaCovariance(rows, 0)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('correlationFromCovariance', () => {
  it('divides by the standard deviations', () => {
    // -1.5e-4 / (0.03 · 0.01) = -0.5.
    expectMatrixClose(correlationFromCovariance(sampleCovariance(rows)), [
      [1, -0.5],
      [-0.5, 1],
    ]);
    // 2 / (2 · 3) = 1/3.
    expectMatrixClose(
      correlationFromCovariance([
        [4, 2],
        [2, 9],
      ]),
      [
        [1, 1 / 3],
        [1 / 3, 1],
      ],
    );
  });

  it('gives an asset with zero variance zero correlations, not NaN', () => {
    expect(
      correlationFromCovariance([
        [4, 0],
        [0, 0],
      ]),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('never lets rounding push a correlation past ±1', () => {
    for (const scale of [1, -1, 3, -7.3]) {
      const pair = [0.01, -0.02, 0.03, 0.005, 0.0123].map((r) => [r, scale * r]);
      const rho = correlationFromCovariance(sampleCovariance(pair))[0]![1]!;
      expect(Math.abs(rho)).toBeLessThanOrEqual(1);
      expect(rho).toBeCloseTo(Math.sign(scale), 14);
    }
  });
});
