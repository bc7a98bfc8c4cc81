import { describe, expect, it } from 'vitest';
import { firstIndefiniteRow } from './positive-semidefinite.ts';

/** The 3 × 3 correlation matrix with ρ₁₂ = a, ρ₁₃ = b, ρ₂₃ = c. Its determinant is 1 + 2abc − a² − b² − c². */
const three = (a: number, b: number, c: number) => [1, a, b, a, 1, c, b, c, 1];
/** n × n with every correlation ρ: eigenvalues 1 + (n − 1)ρ (once) and 1 − ρ (n − 1 times). */
const equicorrelated = (n: number, rho: number) => Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : rho));
const TOLERANCE = 3e-9;

describe('firstIndefiniteRow', () => {
  it('accepts positive definite matrices', () => {
    expect(firstIndefiniteRow(three(0, 0, 0), 3, TOLERANCE)).toBe(-1);
    // det = 1 + 2(0.5)(0.3)(0.2) − 0.25 − 0.09 − 0.04 = 0.68 > 0, and the 2 × 2 minor 0.75 > 0.
    expect(firstIndefiniteRow(three(0.5, 0.3, 0.2), 3, TOLERANCE)).toBe(-1);
    expect(firstIndefiniteRow(equicorrelated(5, 0.99), 5, TOLERANCE)).toBe(-1);
  });

  it('rejects ρ = (0.9, −0.9, 0.9): det = 1 − 1.458 − 2.43 < 0, and the third pivot is 0.19 − 1.71²/0.19 = −15.2', () => {
    expect(firstIndefiniteRow(three(0.9, -0.9, 0.9), 3, TOLERANCE)).toBe(2);
  });

  it('accepts a singular PSD matrix on the boundary and rejects one just beyond it', () => {
    // ρ = (0.5, 0.5, −0.5): det = 1 − 0.25 − 0.75 = 0, eigenvalues 1.5, 1.5, 0.
    expect(firstIndefiniteRow(three(0.5, 0.5, -0.5), 3, TOLERANCE)).toBe(-1);
    // ρ₂₃ = −0.5001: det = −0.00015, third pivot 0.75 − 0.7501²/0.75 = −0.0002.
    expect(firstIndefiniteRow(three(0.5, 0.5, -0.5001), 3, TOLERANCE)).toBe(2);
    // Equicorrelation −1/(n − 1) is the most negative a PSD matrix allows: smallest eigenvalue 0.
    expect(firstIndefiniteRow(equicorrelated(4, -1 / 3), 4, TOLERANCE)).toBe(-1);
    // −0.34 gives 1 + 3(−0.34) = −0.02.
    expect(firstIndefiniteRow(equicorrelated(4, -0.34), 4, TOLERANCE)).toBe(3);
    // Perfect correlation is PSD (eigenvalues 2 and 0); one millionth beyond it is not (eigenvalue −1e-6).
    expect(firstIndefiniteRow([1, 1, 1, 1], 2, TOLERANCE)).toBe(-1);
    expect(firstIndefiniteRow([1, 1 + 1e-6, 1 + 1e-6, 1], 2, TOLERANCE)).toBe(1);
  });

  it('takes the smallest eigenvalue down to −tolerance as zero, and no further', () => {
    expect(firstIndefiniteRow([1, 0, 0, -1e-10], 2, 1e-9)).toBe(-1);
    expect(firstIndefiniteRow([1, 0, 0, -2e-9], 2, 1e-9)).toBe(1);
    expect(firstIndefiniteRow([-2e-9, 0, 0, 1], 2, 1e-9)).toBe(0);
  });

  it('names the first row whose block is indefinite, even when the earlier block is fine', () => {
    // The first three instruments are uncorrelated; the fourth has ρ = 0.9 with each: 1 − 3·0.81 < 0.
    const matrix = [1, 0, 0, 0.9, 0, 1, 0, 0.9, 0, 0, 1, 0.9, 0.9, 0.9, 0.9, 1];
    expect(firstIndefiniteRow(matrix, 4, TOLERANCE)).toBe(3);
  });

  it('fails on NaN', () => {
    expect(firstIndefiniteRow([1, Number.NaN, Number.NaN, 1], 2, TOLERANCE)).toBe(1);
    expect(firstIndefiniteRow([Number.NaN], 1, TOLERANCE)).toBe(0);
  });
});
