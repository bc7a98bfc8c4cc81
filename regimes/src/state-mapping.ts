import type { HmmParams } from './gaussian-hmm.ts';

/**
 * The rank of each fitted state by its mean (0 = lowest), ties broken by state number. The naming
 * rule of both axes: the volatility model's two states are `low` (rank 0) and `high` (rank 1); the
 * trend model's three are `down`, `sideways`, `up` by rank. Every fit thus names its states one-to-one,
 * even when the data holds fewer real regimes (then read the probabilities, not only the labels).
 */
export function rankStates(params: HmmParams): number[] {
  const order = [...Array(params.states).keys()].sort((a, b) => params.means[a]! - params.means[b]! || a - b);
  const rank = new Array<number>(params.states);
  order.forEach((state, position) => {
    rank[state] = position;
  });
  return rank;
}
