// Rolling statistics over the trailing `window` points ending at each index: causal by construction
// (index i reads only i − window + 1 … i). NaN until a full window of finite pairs is there, and NaN for
// any window holding a NaN (e.g. before the first published value).

function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be a whole number >= 2, got ${window}`);
}

/** Pearson correlation of x and y over each trailing window. */
export function rollingCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, window: number): Float64Array {
  return rollingPairs(x, y, window, (sxx, syy, sxy) => (sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN));
}

/** OLS slope of y on x over each trailing window (beta of y to x). */
export function rollingBeta(x: ArrayLike<number>, y: ArrayLike<number>, window: number): Float64Array {
  return rollingPairs(x, y, window, (sxx, _syy, sxy) => (sxx > 0 ? sxy / sxx : Number.NaN));
}

/** (x − mean) / sample standard deviation over each trailing window, the latest point included. */
export function rollingZScore(x: ArrayLike<number>, window: number): Float64Array {
  checkWindow(window);
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let end = window - 1; end < x.length; end++) {
    let sum = 0;
    for (let index = end - window + 1; index <= end; index++) sum += x[index]!;
    const mean = sum / window;
    let squares = 0;
    for (let index = end - window + 1; index <= end; index++) squares += (x[index]! - mean) ** 2;
    const deviation = Math.sqrt(squares / (window - 1));
    out[end] = deviation > 0 ? (x[end]! - mean) / deviation : Number.NaN;
  }
  return out;
}

/** Centred sums over each window, two passes per window so large levels do not cancel. */
function rollingPairs(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: number,
  statistic: (sxx: number, syy: number, sxy: number) => number,
): Float64Array {
  checkWindow(window);
  if (x.length !== y.length) throw new RangeError(`x and y must be as long as each other, got ${x.length} and ${y.length}`);
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let end = window - 1; end < x.length; end++) {
    let meanX = 0;
    let meanY = 0;
    for (let index = end - window + 1; index <= end; index++) {
      meanX += x[index]!;
      meanY += y[index]!;
    }
    meanX /= window;
    meanY /= window;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let index = end - window + 1; index <= end; index++) {
      const dx = x[index]! - meanX;
      const dy = y[index]! - meanY;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    out[end] = Number.isFinite(sxy) ? statistic(sxx, syy, sxy) : Number.NaN;
  }
  return out;
}
