/**
 * Puts the m-th smallest value (0-based) of values[left..right] at index m, smaller or equal
 * values before it and larger or equal after it, in expected linear time (Floyd–Rivest: recurse on
 * a sample-sized window around m first, so the final partitions are short).
 */
export function selectInPlace(values: Float64Array, m: number, left = 0, right = values.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = m - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      selectInPlace(
        values,
        m,
        Math.max(left, Math.floor(m - (i * s) / n + sd)),
        Math.min(right, Math.floor(m + ((n - i) * s) / n + sd)),
      );
    }
    const pivot = values[m]!;
    let i = left;
    let j = right;
    swap(values, left, m);
    if (values[right]! > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= m) left = j + 1;
    if (m <= j) right = j - 1;
  }
}

function swap(values: Float64Array, a: number, b: number): void {
  const kept = values[a]!;
  values[a] = values[b]!;
  values[b] = kept;
}

const SAMPLE_SIZE = 50_000;

/**
 * The k-th largest of `values` (k from 1), without copying or reordering them: a strided sample
 * (the values are i.i.d. draws, so any stride is a random sample) brackets it, one scan counts the
 * values above the bracket and gathers those inside it, and selectInPlace finishes on those few.
 * Falls back to selecting on a full copy if the bracket misses, which a sample this size makes rare.
 */
export function kthLargest(values: Float64Array, k: number): number {
  const n = values.length;
  if (!(k >= 1 && k <= n)) throw new RangeError(`k must be from 1 to ${n}, got ${k}`);
  if (n > 4 * SAMPLE_SIZE) {
    const sample = new Float64Array(SAMPLE_SIZE);
    for (let j = 0; j < SAMPLE_SIZE; j++) sample[j] = values[Math.floor((j * n) / SAMPLE_SIZE)]!;
    sample.sort();
    // Rank of the k-th largest in the sample, counted from the top, and a margin of ~5 sigma.
    const rank = (k * SAMPLE_SIZE) / n;
    const margin = 5 * Math.sqrt(rank * (1 - rank / SAMPLE_SIZE)) + 16;
    const top = Math.floor(rank - margin);
    const bottom = Math.ceil(rank + margin);
    const high = top < 0 ? Number.POSITIVE_INFINITY : sample[SAMPLE_SIZE - 1 - top]!;
    const low = bottom >= SAMPLE_SIZE ? Number.NEGATIVE_INFINITY : sample[SAMPLE_SIZE - 1 - bottom]!;
    let above = 0;
    let inside = new Float64Array(Math.ceil(((bottom - top + 1) * n) / SAMPLE_SIZE) * 2 + 1024);
    let count = 0;
    for (let index = 0; index < n; index++) {
      const value = values[index]!;
      if (value > high) above++;
      else if (value >= low) {
        if (count === inside.length) {
          const grown = new Float64Array(inside.length * 2);
          grown.set(inside);
          inside = grown;
        }
        inside[count++] = value;
      }
    }
    if (above < k && k <= above + count) {
      const m = count - (k - above);
      selectInPlace(inside, m, 0, count - 1);
      return inside[m]!;
    }
  }
  const copy = values.slice();
  selectInPlace(copy, n - k);
  return copy[n - k]!;
}
