/**
 * Whether the symmetric n×n matrix `matrix` (row-major) is positive semi-definite within
 * `tolerance`, i.e. its smallest eigenvalue is >= −tolerance. Returns -1 when it is, else the
 * first row whose pivot fails: the leading block up to that row is already indefinite.
 *
 * The test is the Cholesky factorisation of A + tolerance·I, which succeeds (every pivot > 0)
 * exactly when every eigenvalue of A exceeds −tolerance. Cholesky is backward stable: the computed
 * factor is exact for a matrix within about n·ε·max|Aᵢⱼ| of the one given, far below any tolerance
 * worth using, so rounding cannot turn the answer. O(n³/6) multiply-adds; NaN fails.
 * @example firstIndefiniteRow([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1], 3, 3e-9) // 2
 */
export function firstIndefiniteRow(matrix: ArrayLike<number>, n: number, tolerance: number): number {
  const lower = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let pivot = matrix[rowJ + j]! + tolerance;
    for (let k = 0; k < j; k++) pivot -= lower[rowJ + k]! * lower[rowJ + k]!;
    // `!(pivot > 0)` also catches NaN.
    if (!(pivot > 0)) return j;
    const diagonal = Math.sqrt(pivot);
    lower[rowJ + j] = diagonal;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = matrix[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= lower[rowI + k]! * lower[rowJ + k]!;
      lower[rowI + j] = sum / diagonal;
    }
  }
  return -1;
}
