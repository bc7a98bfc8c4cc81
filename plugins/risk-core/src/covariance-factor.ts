import { NautilusError } from '@nautilus/sdk';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { fieldError } from './field-error.ts';

type SquareMatrix = readonly (readonly number[])[];

/** A pivot smaller than this fraction of the asset's own variance counts as zero (the asset adds no new risk). */
const PIVOT_TOLERANCE = 1e-10;
/** How far L·Lᵀ may stray from Σ, relative to sqrt(Σ_ii·Σ_jj), before Σ counts as indefinite. */
const RECONSTRUCTION_TOLERANCE = 1e-8;

/**
 * A lower-triangular factor L (row-major, n×n) with L·Lᵀ = Σ, for any positive SEMIdefinite Σ.
 * An asset that adds no risk of its own (a perfect combination of earlier assets, or a zero variance)
 * gets a zero pivot and a zero column instead of a division by zero: perfectly correlated assets
 * still simulate, as their covariance says. An indefinite Σ (a negative eigenvalue, which no set of
 * returns produces) throws NOT_POSITIVE_DEFINITE naming the assets involved.
 */
export function factorCovariance(cov: SquareMatrix, assets: readonly string[]): number[][] {
  const n = checkSquare(cov, assets);
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const rowJ = lower[j]!;
    let pivot = cov[j]![j]!;
    for (let k = 0; k < j; k++) pivot -= rowJ[k]! * rowJ[k]!;
    const tolerance = PIVOT_TOLERANCE * cov[j]![j]!;
    if (pivot < -tolerance) throw notPositiveDefinite(cov, assets, 'it has a negative eigenvalue');
    if (pivot <= tolerance) continue;
    const diagonal = Math.sqrt(pivot);
    rowJ[j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      const rowI = lower[i]!;
      let sum = cov[i]![j]!;
      for (let k = 0; k < j; k++) sum -= rowI[k]! * rowJ[k]!;
      rowI[j] = sum / diagonal;
    }
  }
  // A zero pivot is only legitimate when the rest of its column was zero too; check L·Lᵀ gives Σ back.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let product = 0;
      for (let k = 0; k <= j; k++) product += lower[i]![k]! * lower[j]![k]!;
      const scale = Math.sqrt(cov[i]![i]! * cov[j]![j]!);
      if (Math.abs(product - cov[i]![j]!) > RECONSTRUCTION_TOLERANCE * scale) {
        throw notPositiveDefinite(cov, assets, 'it has a negative eigenvalue');
      }
    }
  }
  return lower;
}

/**
 * Throws NOT_POSITIVE_DEFINITE, naming the assets involved, unless Σ is strictly positive definite
 * (what a matrix inverse or a textbook Cholesky needs). Perfectly correlated assets fail here.
 */
export function assertPositiveDefinite(cov: SquareMatrix, assets: readonly string[]): void {
  checkSquare(cov, assets);
  const cholesky = new CholeskyDecomposition(new Matrix(cov.map((row) => [...row])));
  if (!cholesky.isPositiveDefinite()) throw notPositiveDefinite(cov, assets, 'it is not positive definite');
  const lower = cholesky.lowerTriangularMatrix;
  cov.forEach((row, j) => {
    // Rounding leaves a tiny positive pivot where the exact one is zero: judge pivots relative to the variance.
    if (lower.get(j, j) ** 2 <= PIVOT_TOLERANCE * row[j]!) throw notPositiveDefinite(cov, assets, 'it is singular');
  });
}

/** Names the assets carrying the eigenvectors of Σ's zero or negative eigenvalues. */
function notPositiveDefinite(cov: SquareMatrix, assets: readonly string[], why: string): NautilusError {
  const eigen = new EigenvalueDecomposition(new Matrix(cov.map((row) => [...row])), { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  const largest = Math.max(...values.map(Math.abs), Number.MIN_VALUE);
  const involved = new Set<string>();
  values.forEach((value, k) => {
    if (value > PIVOT_TOLERANCE * largest) return;
    const vector = eigen.eigenvectorMatrix.getColumn(k);
    const biggest = Math.max(...vector.map(Math.abs));
    vector.forEach((loading, i) => {
      if (Math.abs(loading) >= 0.1 * biggest) involved.add(assets[i] ?? `asset ${i}`);
    });
  });
  const names = involved.size > 0 ? [...involved] : [...assets];
  return new NautilusError(
    'NOT_POSITIVE_DEFINITE',
    `The covariance matrix of ${names.join(', ')} cannot be factored: ${why} (smallest eigenvalue ${Math.min(...values)}). ` +
      'Remove duplicated or perfectly offsetting instruments, or use a longer lookback.',
    { details: { assets: names, smallestEigenvalue: Math.min(...values) } },
  );
}

function checkSquare(cov: SquareMatrix, assets: readonly string[]): number {
  const n = cov.length;
  if (n === 0) throw fieldError('covariance', 'is empty');
  if (assets.length !== n) throw fieldError('assets', `names ${assets.length} assets but the covariance has ${n} rows`);
  cov.forEach((row, i) => {
    if (row.length !== n) throw fieldError(`covariance[${i}]`, `has ${row.length} columns, expected ${n}`);
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) throw fieldError(`covariance[${i}][${j}]`, `must be finite, got ${value}`);
      if (j < i && Math.abs(value - cov[j]![i]!) > 1e-12 * (Math.abs(value) + Math.abs(cov[j]![i]!))) {
        throw fieldError(`covariance[${i}][${j}]`, `must equal covariance[${j}][${i}] (${cov[j]![i]}), got ${value}`);
      }
    });
    if (row[i]! < 0) throw notPositiveDefinite(cov, assets, `the variance of ${assets[i]} is negative`);
  });
  return n;
}
