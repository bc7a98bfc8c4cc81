/**
 * Indices of at most `maxPoints` points of a curve that keep its shape: the first and the last, and
 * in each bucket between them the lowest and the highest point of every series. So every series'
 * global extremes (the peak, the deepest drawdown) survive.
 * @example downsampleIndices(1_000_000, [equity, drawdown], 2_000) // 2,000 sorted indices
 */
export function downsampleIndices(length: number, series: ArrayLike<number>[], maxPoints: number): number[] {
  if (length <= maxPoints) return Array.from({ length }, (_, index) => index);
  const perBucket = Math.max(1, 2 * series.length);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / perBucket));
  const kept = new Set<number>([0, length - 1]);
  const interior = length - 2;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = 1 + Math.floor((bucket * interior) / buckets);
    const end = 1 + Math.floor(((bucket + 1) * interior) / buckets);
    for (const values of series) {
      let low = start;
      let high = start;
      for (let index = start + 1; index < end; index++) {
        if ((values[index] as number) < (values[low] as number)) low = index;
        if ((values[index] as number) > (values[high] as number)) high = index;
      }
      if (start < end) kept.add(low).add(high);
    }
  }
  return [...kept].sort((a, b) => a - b);
}
