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
  /** A symbol held without a volatility, found by the last `fillValues`; null if none. */
  missing: string | null;
}

export function prepareVar(inputs: VarInputs): PreparedVar {
  const count = inputs.symbols.length;
  const volatility = Float64Array.from({ length: count }, (_, i) => Number(inputs.volatility[i]));
  let covariance: Float64Array | null = null;
  if (inputs.correlation !== undefined) {
    covariance = new Float64Array(count * count);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < count; j++) {
        covariance[i * count + j] = volatility[i]! * volatility[j]! * (i === j ? 1 : Number(inputs.correlation[i * count + j]));
      }
    }
  }
  return {
    index: new Map(inputs.symbols.map((symbol, i) => [symbol, i])),
    volatility,
    covariance,
    values: new Float64Array(count),
    weighted: new Float64Array(count),
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
 * Returns false (and sets `missing`) when a non-zero position has no volatility.
 */
export function fillValues(
  prepared: PreparedVar,
  positions: readonly PositionState[],
  overrideAt: number,
  override: number,
): boolean {
  const values = prepared.values;
  values.fill(0);
  prepared.missing = null;
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p]!;
    const quantity = p === overrideAt ? override : position.quantity;
    if (quantity === 0) continue;
    const i = prepared.index.get(position.symbol);
    if (i === undefined) {
      prepared.missing = position.symbol;
      return false;
    }
    values[i] = values[i]! + quantity * position.price;
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
