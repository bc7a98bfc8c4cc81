/** How the features are computed from closes. */
export interface FeatureOptions {
  /** Log returns averaged for the trend feature. */
  trendWindow: number;
  /** Log returns in the realised volatility. */
  volatilityWindow: number;
}

/**
 * The two features bar by bar, from log returns ending at the bar (nothing later): trend = the mean
 * of the last `trendWindow` returns divided by the realised volatility (so the trend axis means the
 * same in calm and stormy markets), and the log of the realised volatility, sqrt(mean of the last
 * `volatilityWindow` squared returns). Both are NaN until the longer window is full. A flat stretch
 * (zero volatility) gives trend 0 and the log of a tiny floor.
 */
export class FeatureStream {
  readonly #options: FeatureOptions;
  #returns: number[] = [];
  #previous = Number.NaN;
  #count = 0;
  #sum = 0;
  #squares = 0;
  trend = Number.NaN;
  logVolatility = Number.NaN;

  constructor(options: FeatureOptions) {
    this.#options = options;
  }

  /** Takes the next close and updates `trend` and `logVolatility`. */
  push(close: number): void {
    const { trendWindow, volatilityWindow } = this.#options;
    const t = this.#count++;
    const previous = this.#previous;
    this.#previous = close;
    if (t === 0) return;
    const value = Math.log(close / previous);
    this.#returns.push(value);
    this.#sum += value;
    this.#squares += value * value;
    const kept = this.#returns.length;
    // #returns[i] holds the return of bar kept-i back; drop what neither window still needs.
    if (t > trendWindow) this.#sum -= this.#returns[kept - 1 - trendWindow]!;
    if (t > volatilityWindow) this.#squares -= this.#returns[kept - 1 - volatilityWindow]! ** 2;
    const longest = Math.max(trendWindow, volatilityWindow);
    if (kept > 4 * longest) this.#returns = this.#returns.slice(kept - longest - 1);
    if (t >= longest) {
      const volatility = Math.sqrt(Math.max(this.#squares / volatilityWindow, 1e-16));
      this.trend = this.#sum / trendWindow / volatility;
      this.logVolatility = Math.log(volatility);
    }
  }
}

/** The features of a whole series, row-major (trend, log volatility) per bar; NaN before the windows fill. */
export function regimeFeatures(close: ArrayLike<number>, options: FeatureOptions): Float64Array {
  const stream = new FeatureStream(options);
  const features = new Float64Array(close.length * 2);
  for (let t = 0; t < close.length; t++) {
    stream.push(close[t]!);
    features[t * 2] = stream.trend;
    features[t * 2 + 1] = stream.logVolatility;
  }
  return features;
}
