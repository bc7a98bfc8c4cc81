/** Drawdown at each bar: equity / running peak − 1 (<= 0); the initial cash is the first peak. */
export function drawdownCurve(equity: ArrayLike<number>, initialCash: number): Float64Array {
  const drawdown = new Float64Array(equity.length);
  let peak = initialCash;
  for (let index = 0; index < equity.length; index++) {
    const value = equity[index]!;
    if (value > peak) peak = value;
    drawdown[index] = value / peak - 1;
  }
  return drawdown;
}

export interface MaxDrawdown {
  /** Positive fraction: 0.25 means equity fell 25 % below its peak. */
  depth: number;
  /** Bar index of the peak before the deepest trough; -1 for the initial cash. */
  peakIndex: number;
  troughIndex: number;
  /** First bar at or above that peak after the trough; -1 when equity never got back. */
  recoveryIndex: number;
}

/** The deepest peak-to-trough fall (the first, on ties) and when it began and recovered. */
export function maxDrawdown(equity: ArrayLike<number>, initialCash: number): MaxDrawdown {
  let peak = initialCash;
  let peakIndex = -1;
  const deepest: MaxDrawdown = { depth: 0, peakIndex: -1, troughIndex: -1, recoveryIndex: -1 };
  let deepestPeak = initialCash;
  for (let index = 0; index < equity.length; index++) {
    const value = equity[index]!;
    if (value > peak) {
      peak = value;
      peakIndex = index;
    }
    const depth = 1 - value / peak;
    if (depth > deepest.depth) {
      deepest.depth = depth;
      deepest.peakIndex = peakIndex;
      deepest.troughIndex = index;
      deepestPeak = peak;
    }
  }
  if (deepest.depth > 0) {
    for (let index = deepest.troughIndex + 1; index < equity.length; index++) {
      if (equity[index]! >= deepestPeak) {
        deepest.recoveryIndex = index;
        break;
      }
    }
  }
  return deepest;
}
