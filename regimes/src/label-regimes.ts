import { type RegimeOptions, RegimeTracker } from './regime-tracker.ts';
import { REGIMES } from './regimes.ts';

/** Causal regime labels of one series. */
export interface RegimeLabels {
  /** Per bar, the index in `REGIMES` of the most probable regime, or -1 before the first fit. */
  label: Int8Array;
  /** Per bar, six probabilities in `REGIMES` order (row-major); NaN before the first fit. */
  probabilities: Float64Array;
  /** The first bar with a label (the series length when none has). */
  firstLabelled: number;
  /** How many walk-forward fits ran (each fits both axes). */
  fits: number;
}

/**
 * Labels each bar of a series with a regime using only the closes up to that bar: a `RegimeTracker`
 * fed bar by bar, so a strategy reading the tracker live gets these very numbers. The answer for a
 * bar never changes when later bars are appended.
 * @example
 * const { label } = labelRegimes(frame.close);
 * const latest = REGIMES[label[label.length - 1]!]; // undefined before the first fit
 */
export function labelRegimes(close: ArrayLike<number>, overrides: Partial<RegimeOptions> = {}): RegimeLabels {
  const tracker = new RegimeTracker(overrides);
  const count = close.length;
  const label = new Int8Array(count).fill(-1);
  const probabilities = new Float64Array(count * REGIMES.length).fill(Number.NaN);
  for (let t = 0; t < count; t++) {
    tracker.push(close[t]!);
    label[t] = tracker.label;
    if (tracker.label >= 0) probabilities.set(tracker.probabilities, t * 6);
  }
  return { label, probabilities, firstLabelled: Math.min(tracker.firstLabelled, count), fits: tracker.fits };
}
