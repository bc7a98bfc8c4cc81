import { describe, expect, it } from 'vitest';
import { cleanCorrelation, varInputsProblem } from './check-var-inputs.ts';

const symbols = ['SIM:A', 'SIM:B', 'SIM:C'];
const volatility = [0.01, 0.02, 0.03];
const three = (a: number, b: number, c: number) => [1, a, b, a, 1, c, b, c, 1];

describe('varInputsProblem', () => {
  it('accepts sound inputs, with or without correlations, including a singular PSD matrix and rounding noise', () => {
    expect(varInputsProblem({ symbols, volatility })).toBeNull();
    expect(varInputsProblem({ symbols, volatility, correlation: three(0.5, 0.3, 0.2) })).toBeNull();
    expect(varInputsProblem({ symbols, volatility, correlation: three(0.5, 0.5, -0.5) })).toBeNull();
    expect(varInputsProblem({ symbols, volatility, correlation: three(1, 1, 1) })).toBeNull();
    // What Cᵢⱼ / (σᵢσⱼ) can round to for perfectly correlated A and B: a hair above 1, a hair asymmetric.
    const rounded = three(1 + 2e-16, 0.3, 0.3);
    rounded[3] = 1;
    expect(varInputsProblem({ symbols, volatility, correlation: rounded })).toBeNull();
    expect(varInputsProblem({ symbols: [], volatility: [], correlation: [] })).toBeNull();
    expect(varInputsProblem({ symbols, volatility: [0, 0, 0] })).toBeNull();
  });

  it('rejects a correlation matrix that is not positive semi-definite, naming the instruments', () => {
    expect(varInputsProblem({ symbols, volatility, correlation: three(0.9, -0.9, 0.9) })).toBe(
      'the correlation matrix is not positive semi-definite: the correlations among SIM:A, SIM:B, SIM:C contradict each other (no returns have them), so some portfolios would get a negative variance',
    );
    expect(varInputsProblem({ symbols, volatility, correlation: three(0.5, 0.5, -0.5001) })).toMatch(
      /^the correlation matrix is not positive semi-definite/,
    );
    expect(varInputsProblem({ symbols: ['SIM:A', 'SIM:B'], volatility: [0.01, 0.02], correlation: [1, 0.6, 0.6, 1] })).toBeNull();
  });

  it('rejects every other malformed matrix, saying what is wrong', () => {
    const cases: [number[], RegExp][] = [
      [three(0.5, 1.2, 0.2), /^the correlation SIM:A–SIM:C is 1\.2, outside \[−1, 1\]$/],
      [three(-1.0001, 0, 0), /outside \[−1, 1\]/],
      [
        [1, 0.5, 0.1, 0.4, 1, 0.2, 0.1, 0.2, 1],
        /^the correlation matrix is not symmetric: SIM:B–SIM:A is 0\.4 but SIM:A–SIM:B is 0\.5$/,
      ],
      [three(Number.NaN, 0, 0), /^the correlation SIM:A–SIM:B is NaN, not a finite number$/],
      [three(0, Number.POSITIVE_INFINITY, 0), /is Infinity, not a finite number/],
      [[0.9, 0, 0, 0, 1, 0, 0, 0, 1], /^the correlation matrix's diagonal must be 1, got 0\.9 for SIM:A$/],
      [[1, 0, 0, 0, 1, 0, 0, 0, 2], /diagonal must be 1, got 2 for SIM:C/],
      [[1, 0, 0, 1], /^the correlation matrix has 4 entries, expected 9 \(3 × 3 instruments\)$/],
      [[], /has 0 entries, expected 9/],
    ];
    for (const [correlation, reason] of cases) {
      expect(varInputsProblem({ symbols, volatility, correlation }), String(correlation)).toMatch(reason);
    }
  });

  it('rejects volatilities that are negative, not finite, or of the wrong count, and repeated symbols', () => {
    for (const bad of [-0.01, Number.NaN, Number.POSITIVE_INFINITY, '0.02' as unknown as number]) {
      expect(varInputsProblem({ symbols, volatility: [0.01, bad, 0.03] })).toMatch(
        /^the volatility of SIM:B is .+; a daily volatility must be a finite number >= 0$/,
      );
    }
    expect(varInputsProblem({ symbols, volatility: [0.01, 0.02] })).toBe('the VaR inputs give 2 volatilities for 3 instruments');
    expect(varInputsProblem({ symbols: ['SIM:A', 'SIM:A'], volatility: [0.01, 0.01] })).toBe(
      'SIM:A is listed twice in the VaR inputs',
    );
  });
});

describe('cleanCorrelation', () => {
  it('symmetrises, clamps to ±1 and sets the diagonal to exactly 1', () => {
    expect(Array.from(cleanCorrelation([1 - 1e-12, 1 + 1e-12, 1 + 1e-12, 1 + 1e-12], 2))).toEqual([1, 1, 1, 1]);
    const [diagonal, upper, lower] = cleanCorrelation([1, 0.5, 0.5 + 2e-10, 1], 2);
    expect(diagonal).toBe(1);
    expect(upper).toBe(lower);
    expect(upper).toBeCloseTo(0.5 + 1e-10, 15);
  });
});
