import { NautilusError } from '../errors.ts';
import type { BookLevels } from './book-frame.ts';
import type { BookSideName } from './order-book.ts';

/** Running totals of sizes from the best level outwards (the depth chart's curve). */
export function cumulativeSizes(levels: BookLevels): number[] {
  const totals = new Array<number>(levels.size.length);
  let total = 0;
  for (let index = 0; index < levels.size.length; index++) {
    total += levels.size[index] as number;
    totals[index] = total;
  }
  return totals;
}

/** Decimals of a step such as 0.05 (2) or 25 (0), so bucket prices print without float noise. */
function decimalsOf(step: number): number {
  const text = String(step);
  const exponent = text.match(/e-(\d+)$/);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/**
 * Groups levels (best first) into buckets `step` wide, summing sizes: bids go down to the bucket's
 * floor and asks up to its ceiling, so an aggregated level never looks better than the prices in it
 * (the convention of exchange depth widgets). `step` is usually a multiple of the tick size.
 * @example aggregateLevels({ price: [100.3, 100.1, 99.9], size: [1, 2, 3] }, 'bid', 0.5) // { price: [100, 99.5], size: [3, 3] }
 */
export function aggregateLevels(
  levels: BookLevels,
  side: BookSideName,
  step: number,
  maxLevels = Number.POSITIVE_INFINITY,
): BookLevels {
  if (!(Number.isFinite(step) && step > 0)) {
    throw NautilusError.validation('book aggregation', [{ path: 'step', message: `must be a positive number, got ${step}` }]);
  }
  const decimals = Math.min(20, decimalsOf(step));
  const price: number[] = [];
  const size: number[] = [];
  let bucket = Number.NaN;
  for (let index = 0; index < levels.price.length; index++) {
    const ratio = (levels.price[index] as number) / step;
    // A price that is a multiple of step up to float noise stays in its own bucket.
    const nearest = Math.round(ratio);
    const steps = Math.abs(ratio - nearest) < 1e-9 ? nearest : side === 'bid' ? Math.floor(ratio) : Math.ceil(ratio);
    if (steps !== bucket) {
      if (price.length === maxLevels) break;
      bucket = steps;
      price.push(Number((steps * step).toFixed(decimals)));
      size.push(0);
    }
    size[size.length - 1] = (size[size.length - 1] as number) + (levels.size[index] as number);
  }
  return { price, size };
}
