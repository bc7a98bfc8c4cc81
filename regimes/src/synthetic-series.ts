// Test and benchmark data: a regime-switching price series whose true regime is known at every bar.
import { REGIMES } from './regimes.ts';
import { seededNormal, seededUniform } from './seeded-random.ts';

/** How the synthetic series is drawn. */
export interface SyntheticOptions {
  bars: number;
  seed: number;
  /** Probability of staying in the current regime each bar (mean stay 1 / (1 - stay) bars). */
  stay: number;
  /** Daily return standard deviation in the low and high volatility regimes. */
  lowVolatility: number;
  highVolatility: number;
  /** Mean return per bar of a trending regime, in units of its own standard deviation. */
  trendSharpe: number;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  bars: 3_000,
  seed: 7,
  stay: 0.98,
  lowVolatility: 0.007,
  highVolatility: 0.02,
  trendSharpe: 0.35,
};

/**
 * Closes from a Markov chain over the six regimes: each bar's log return is normal with the mean and
 * standard deviation of the bar's regime; on leaving a regime the next one is drawn uniformly from
 * the other five. `regime[t]` is the index in `REGIMES` of the regime that drew return t (close t-1 to t).
 */
export function syntheticSeries(overrides: Partial<SyntheticOptions> = {}): { close: Float64Array; regime: Int8Array } {
  const options = { ...DEFAULT_SYNTHETIC, ...overrides };
  const uniform = seededUniform(options.seed);
  const normal = seededNormal(options.seed + 1);
  const close = new Float64Array(options.bars);
  const regime = new Int8Array(options.bars);
  let current = Math.floor(uniform() * 6);
  close[0] = 100;
  regime[0] = current;
  for (let t = 1; t < options.bars; t++) {
    if (uniform() > options.stay) current = (current + 1 + Math.floor(uniform() * 5)) % 6;
    const { trend, volatility } = REGIMES[current]!;
    const sigma = volatility === 'high' ? options.highVolatility : options.lowVolatility;
    const mean = (trend === 'up' ? 1 : trend === 'down' ? -1 : 0) * options.trendSharpe * sigma;
    close[t] = close[t - 1]! * Math.exp(mean + sigma * normal());
    regime[t] = current;
  }
  return { close, regime };
}
