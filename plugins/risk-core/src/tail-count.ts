import { NautilusError } from '@nautilus/sdk';
import { percentText } from './percent-text.ts';

/** Confidence levels are read to nine decimals, so (1 - c) is an exact whole number of billionths. */
const BILLION = 1_000_000_000;

function tailBillionths(confidence: number): number {
  return BILLION - Math.round(confidence * BILLION);
}

/** ceil(numerator / denominator) for non-negative safe integers, without a rounded quotient. */
function ceilDivide(numerator: number, denominator: number): number {
  const remainder = numerator % denominator;
  return (numerator - remainder) / denominator + (remainder > 0 ? 1 : 0);
}

/**
 * How many of T outcomes lie in the tail at confidence c: k = ceil((1 - c)·T), in integer arithmetic
 * ((1 - 0.99)·500 is 5.000000000000004 in floating point, which a naive ceil turns into 6).
 * @example tailCount(0.975, 250) // 7, since (1 - 0.975)·250 = 6.25
 */
export function tailCount(confidence: number, observations: number): number {
  return ceilDivide(tailBillionths(confidence) * observations, BILLION);
}

/** The fewest observations for which (1 - c)·T ≥ 1, i.e. for which the tail holds at least one whole outcome. */
export function minimumObservations(confidence: number): number {
  return ceilDivide(BILLION, tailBillionths(confidence));
}

/** Throws INSUFFICIENT_DATA, saying how many are needed, when T < 1/(1 - c). */
export function requireTail(confidence: number, observations: number, what: string): number {
  const needed = minimumObservations(confidence);
  if (observations < needed) {
    throw new NautilusError(
      'INSUFFICIENT_DATA',
      `${what} at ${percentText(confidence)} confidence needs at least ${needed} returns (1 / (1 - c)), got ${observations}; ` +
        'raise the lookback or lower the confidence.',
      { details: { needed, got: observations } },
    );
  }
  return tailCount(confidence, observations);
}
