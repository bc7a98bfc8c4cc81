import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { assertPositiveDefinite, factorCovariance } from './index.ts';

function caught(run: () => unknown): NautilusError {
  try {
    run();
  } catch (error) {
    if (isNautilusError(error)) return error;
    throw error;
  }
  throw new Error('expected a NautilusError');
}

describe('factorCovariance', () => {
  it('finds the Cholesky factor of a positive definite matrix (hand-computed)', () => {
    // [[4, 2], [2, 10]] = L·Lᵀ with L = [[2, 0], [1, 3]]: 2·2 = 4, 1·2 = 2, 1 + 9 = 10.
    expect(
      factorCovariance(
        [
          [4, 2],
          [2, 10],
        ],
        ['A', 'B'],
      ),
    ).toEqual([
      [2, 0],
      [1, 3],
    ]);
  });

  it('factors perfectly correlated assets with a zero pivot instead of failing', () => {
    // σ = (0.02, 0.01), ρ = 1: Σ = [[4e-4, 2e-4], [2e-4, 1e-4]] = L·Lᵀ with L = [[0.02, 0], [0.01, 0]].
    const factor = factorCovariance(
      [
        [4e-4, 2e-4],
        [2e-4, 1e-4],
      ],
      ['A', 'B'],
    );
    expect(factor[0]![0]).toBeCloseTo(0.02, 15);
    expect(factor[1]![0]).toBeCloseTo(0.01, 15);
    expect(factor[1]![1]).toBe(0);
    expect(factor.flat().every(Number.isFinite)).toBe(true);
  });

  it('factors a constant-price asset (zero variance) with a zero column', () => {
    const factor = factorCovariance(
      [
        [1, 0],
        [0, 0],
      ],
      ['A', 'FLAT'],
    );
    expect(factor).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('rejects an indefinite matrix with NOT_POSITIVE_DEFINITE naming only the assets involved', () => {
    // The A/B block [[1, 2], [2, 1]] has eigenvalue -1 (eigenvector (1, -1)/√2); C is independent.
    const error = caught(() =>
      factorCovariance(
        [
          [1, 2, 0],
          [2, 1, 0],
          [0, 0, 1],
        ],
        ['A', 'B', 'C'],
      ),
    );
    expect(error.code).toBe('NOT_POSITIVE_DEFINITE');
    expect(error.details.assets).toEqual(['A', 'B']);
    expect(error.message).toMatch(/A, B/);
    expect(error.message).not.toMatch(/NaN/);
  });

  it('rejects a matrix whose zero pivot hides a nonzero covariance', () => {
    // Zero variances with a covariance of 1 between them: eigenvalues ±1.
    expect(
      caught(() =>
        factorCovariance(
          [
            [0, 1],
            [1, 0],
          ],
          ['A', 'B'],
        ),
      ).code,
    ).toBe('NOT_POSITIVE_DEFINITE');
  });

  it('names the field of a non-square, asymmetric or non-finite matrix', () => {
    expect(caught(() => factorCovariance([[1, 0]], ['A'])).fields[0]?.path).toBe('covariance[0]');
    expect(
      caught(() =>
        factorCovariance(
          [
            [1, 0.5],
            [0.4, 1],
          ],
          ['A', 'B'],
        ),
      ).fields[0]?.path,
    ).toBe('covariance[1][0]');
    expect(caught(() => factorCovariance([[Number.NaN]], ['A'])).code).toBe('VALIDATION');
  });
});

describe('assertPositiveDefinite', () => {
  it('accepts a positive definite matrix', () => {
    expect(() =>
      assertPositiveDefinite(
        [
          [4, 2],
          [2, 10],
        ],
        ['A', 'B'],
      ),
    ).not.toThrow();
  });

  it('rejects two identical return series, naming both, though they are positive semidefinite', () => {
    const error = caught(() =>
      assertPositiveDefinite(
        [
          [2e-4, 2e-4, 0],
          [2e-4, 2e-4, 0],
          [0, 0, 1e-4],
        ],
        ['SIM:AAPL', 'SIM:AAPL2', 'SIM:MSFT'],
      ),
    );
    expect(error.code).toBe('NOT_POSITIVE_DEFINITE');
    expect(error.details.assets).toEqual(['SIM:AAPL', 'SIM:AAPL2']);
  });

  it('rejects an indefinite matrix', () => {
    expect(
      caught(() =>
        assertPositiveDefinite(
          [
            [1, 2],
            [2, 1],
          ],
          ['A', 'B'],
        ),
      ).code,
    ).toBe('NOT_POSITIVE_DEFINITE');
  });
});
