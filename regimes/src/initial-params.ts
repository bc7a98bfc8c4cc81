import type { HmmParams } from './gaussian-hmm.ts';

function quantile(sorted: Float64Array, p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The starting point of the first fit of a one-feature HMM, deterministic from the data alone (no
 * random draws): state k starts at the feature's `quantiles[k]` with a quarter of the feature's
 * variance, staying put with probability `stay`. Starting the states in rank order is what lets the
 * mapping name them by rank after EM.
 */
export function initialParams(values: Float64Array, quantiles: readonly number[], stay = 0.95): HmmParams {
  const states = quantiles.length;
  let mean = 0;
  for (const value of values) mean += value / values.length;
  let sum = 0;
  for (const value of values) sum += (value - mean) ** 2;
  const variance = Math.max(sum / values.length, 1e-12);
  const sorted = values.slice().sort();
  const transition = new Float64Array(states * states).fill((1 - stay) / (states - 1));
  for (let k = 0; k < states; k++) transition[k * (states + 1)] = stay;
  return {
    states,
    dimensions: 1,
    initial: new Float64Array(states).fill(1 / states),
    transition,
    means: Float64Array.from(quantiles, (p) => quantile(sorted, p)),
    variances: new Float64Array(states).fill(variance / 4),
  };
}
