import { cleanCorrelation, varInputsProblem } from './check-var-inputs.ts';
import type { PositionState, VarInputs } from './pre-trade-types.ts';

/**
 * VaR inputs laid out for the check: an index per symbol, volatilities, the covariance matrix
 * Σᵢⱼ = σᵢσⱼρᵢⱼ (null: perfectly correlated), and scratch vectors, so a check allocates nothing and
 * costs O(n²) multiply-adds for n instruments (400 for 20).
 */
export interface PreparedVar {
  readonly index: Map<string, number>;
  readonly volatility: Float64Array;
  readonly covariance: Float64Array | null;
  /** Scratch: position values by instrument, and Σ × values. */
  readonly values: Float64Array;
  readonly weighted: Float64Array;
  /**
   * Why these inputs give no VaR for any portfolio (a volatility below 0 or NaN, a correlation
   * matrix of the wrong size, not symmetric, beyond ±1 or not positive semi-definite); null when sound.
   */
  readonly invalid: string | null;
  /** Why the last `fillValues` could not value the positions (e.g. 'no volatility for SIM:X'); null if it could. */
  missing: string | null;
}

/** Checks and lays out VaR inputs; inputs that cannot give a VaR are kept with the reason (`invalid`), so every check fails closed. */
export function prepareVar(inputs: VarInputs): PreparedVar {
  const count = inputs.symbols.length;
  const invalid = varInputsProblem(inputs);
  const volatility = Float64Array.from({ length: count }, (_, i) => Number(inputs.volatility[i]));
  let covariance: Float64Array | null = null;
  if (inputs.correlation !== undefined && invalid === null) {
    covariance = cleanCorrelation(inputs.correlation, count);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < count; j++) covariance[i * count + j] = volatility[i]! * volatility[j]! * covariance[i * count + j]!;
    }
  }
  return {
    index: new Map(inputs.symbols.map((symbol, i) => [symbol, i])),
    volatility,
    covariance,
    values: new Float64Array(count),
    weighted: new Float64Array(count),
    invalid,
    missing: null,
  };
}

/** Prepared inputs from a maxVar limit's own `volatility` record (no correlations). */
export function prepareLimitVolatility(volatility: Record<string, number>): PreparedVar {
  const symbols = Object.keys(volatility);
  return prepareVar({ symbols, volatility: symbols.map((symbol) => volatility[symbol]!) });
}

/**
 * Writes position values into `prepared.values`; `override` replaces the quantity of `positions[overrideAt]`.
 * Returns false, with the reason in `missing`, when the inputs are invalid or a non-zero position has
 * no volatility or no price.
 */
export function fillValues(
  prepared: PreparedVar,
  positions: readonly PositionState[],
  overrideAt: number,
  override: number,
): boolean {
  const values = prepared.values;
  values.fill(0);
  prepared.missing = prepared.invalid;
  if (prepared.invalid !== null) return false;
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p]!;
    const quantity = p === overrideAt ? override : position.quantity;
    if (quantity === 0) continue;
    const i = prepared.index.get(position.symbol);
    if (i === undefined) {
      prepared.missing = `no volatility for ${position.symbol}`;
      return false;
    }
    const value = quantity * position.price;
    if (!Number.isFinite(value)) {
      prepared.missing = `no price for ${position.symbol}`;
      return false;
    }
    values[i] = values[i]! + value;
  }
  return true;
}

/**
 * The variance term of VaR = z √term for `prepared.values` into out[0], and for the same positions
 * with `delta` money more in instrument `at` (-1: none) into out[1]: vᵀΣv, or (Σ |vᵢ| σᵢ)² without
 * correlations.
 */
export function varianceBeforeAfter(prepared: PreparedVar, at: number, delta: number, out: Float64Array): void {
  const { values, volatility, covariance, weighted } = prepared;
  const count = values.length;
  if (covariance === null) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += Math.abs(values[i]!) * volatility[i]!;
    out[0] = sum * sum;
    const after = at < 0 ? sum : sum + (Math.abs(values[at]! + delta) - Math.abs(values[at]!)) * volatility[at]!;
    out[1] = after * after;
    return;
  }
  let quadratic = 0;
  for (let i = 0; i < count; i++) {
    let row = 0;
    const offset = i * count;
    for (let j = 0; j < count; j++) row += covariance[offset + j]! * values[j]!;
    weighted[i] = row;
    quadratic += values[i]! * row;
  }
  out[0] = quadratic;
  // (v + δeₖ)ᵀΣ(v + δeₖ) = vᵀΣv + 2δ(Σv)ₖ + δ²Σₖₖ.
  out[1] = at < 0 ? quadratic : quadratic + 2 * delta * weighted[at]! + delta * delta * covariance[at * count + at]!;
}
