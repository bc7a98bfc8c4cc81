import { BollingerBands, SMA, WMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { RunningBollinger, RunningSma, RunningWma } from './running-window.ts';
import { makeTestBars } from './test-bars.ts';

// The running-sum classes against (a) an exact window computation done here, from scratch on every
// bar, and (b) trading-signals' own SMA, WMA and BollingerBands, which they replace. Tolerance: 1e-12
// relative to the price level (the inputs are ~1 to ~1e4; a double carries ~1e-16), so only
// floating-point noise is allowed, and no drift: the worst error in the last 100,000 bars must be no
// larger than a small multiple of the worst in the first 100,000.

const BARS = 1_000_000;
const TOLERANCE = 1e-12;
const { close } = makeTestBars(BARS);

function exactWindow(end: number, period: number): { sum: number; weighted: number; mean: number; sd: number } {
  let sum = 0;
  let weighted = 0;
  for (let index = end - period + 1; index <= end; index++) {
    sum += close[index]!;
    weighted += close[index]! * (index - end + period);
  }
  const mean = sum / period;
  let squares = 0;
  for (let index = end - period + 1; index <= end; index++) squares += (close[index]! - mean) ** 2;
  return { sum, weighted, mean, sd: Math.sqrt(squares / period) };
}

/** Relative error of `mine` against `exact` over every bar; returns the worst in the first and last tenth. */
function worstErrors(errors: Float64Array): { first: number; last: number; all: number } {
  let first = 0;
  let last = 0;
  let all = 0;
  const tenth = errors.length / 10;
  errors.forEach((error, index) => {
    all = Math.max(all, error);
    if (index < tenth) first = Math.max(first, error);
    if (index >= errors.length - tenth) last = Math.max(last, error);
  });
  return { first, last, all };
}

const relative = (mine: number, exact: number, scale: number) => Math.abs(mine - exact) / Math.max(1, Math.abs(scale));

describe('running-sum window indicators over 1,000,000 bars', () => {
  for (const period of [20, 200]) {
    it(`SMA ${period} equals the exact window sum / n and trading-signals' SMA, with no drift`, () => {
      const mine = new RunningSma(period);
      const library = new SMA(period);
      const errors = new Float64Array(BARS);
      let worstAgainstLibrary = 0;
      let bitForBitMisses = 0;
      for (let index = 0; index < BARS; index++) {
        const value = mine.update(close[index]!);
        const theirs = library.add(close[index]!);
        if (index < period - 1) {
          expect(value).toBeNaN();
          continue;
        }
        const exact = exactWindow(index, period).sum / period;
        errors[index] = relative(value, exact, exact);
        worstAgainstLibrary = Math.max(worstAgainstLibrary, relative(value, theirs as number, exact));
        // On the bars where the window wraps the sum is recomputed: the library's number bit for bit.
        if ((index + 1) % period === 0 && value !== theirs) bitForBitMisses++;
      }
      expect(worstAgainstLibrary).toBeLessThan(TOLERANCE);
      expect(bitForBitMisses).toBe(0);
      const worst = worstErrors(errors);
      expect(worst.all).toBeLessThan(TOLERANCE);
      expect(worst.last).toBeLessThanOrEqual(Math.max(worst.first * 4, 1e-15));
    });
  }

  it("WMA 20 equals the exact weighted sum and trading-signals' WMA, with no drift", () => {
    const period = 20;
    const mine = new RunningWma(period);
    const library = new WMA(period);
    const divisor = (period * (period + 1)) / 2;
    const errors = new Float64Array(BARS);
    let worstAgainstLibrary = 0;
    for (let index = 0; index < BARS; index++) {
      const value = mine.update(close[index]!);
      const theirs = library.add(close[index]!);
      if (index < period - 1) {
        expect(value).toBeNaN();
        continue;
      }
      const exact = exactWindow(index, period).weighted / divisor;
      errors[index] = relative(value, exact, exact);
      worstAgainstLibrary = Math.max(worstAgainstLibrary, relative(value, theirs as number, exact));
    }
    expect(worstAgainstLibrary).toBeLessThan(TOLERANCE);
    const worst = worstErrors(errors);
    console.log(`worst relative error: ${worst.all.toExponential(2)} (vs library ${worstAgainstLibrary.toExponential(2)})`);
    expect(worst.all).toBeLessThan(TOLERANCE);
    expect(worst.last).toBeLessThanOrEqual(Math.max(worst.first * 4, 1e-15));
  });

  it("Bollinger 20/2 equals the exact mean ± 2 population σ and trading-signals' bands, with no drift", () => {
    const period = 20;
    const mine = new RunningBollinger(period, 2);
    const library = new BollingerBands(period, 2);
    const errors = new Float64Array(BARS);
    let worstAgainstLibrary = 0;
    for (let index = 0; index < BARS; index++) {
      mine.update(close[index]!);
      const theirs = library.add(close[index]!);
      if (index < period - 1) {
        expect(mine.middle).toBeNaN();
        continue;
      }
      const { mean, sd } = exactWindow(index, period);
      // σ is compared relative to the price level too: it is what the bands add to the mean.
      const error = Math.max(relative(mine.middle, mean, mean), relative(mine.upper, mean + 2 * sd, mean));
      errors[index] = Math.max(error, relative(mine.lower, mean - 2 * sd, mean));
      worstAgainstLibrary = Math.max(
        worstAgainstLibrary,
        relative(mine.upper, theirs!.upper, mean),
        relative(mine.lower, theirs!.lower, mean),
        relative(mine.middle, theirs!.middle, mean),
      );
    }
    expect(worstAgainstLibrary).toBeLessThan(TOLERANCE);
    const worst = worstErrors(errors);
    console.log(`worst relative error: ${worst.all.toExponential(2)} (vs library ${worstAgainstLibrary.toExponential(2)})`);
    expect(worst.all).toBeLessThan(TOLERANCE);
    expect(worst.last).toBeLessThanOrEqual(Math.max(worst.first * 4, 1e-15));
  });

  it('keeps the window exact through inputs of very different sizes (cancellation)', () => {
    // 1e9 followed by small values: a plain running sum would carry the 1e9's rounding error forever;
    // the recomputation on each wrap removes it once the 1e9 has left the window.
    const period = 10;
    const mine = new RunningSma(period);
    const series = [1e9, ...Array.from({ length: 99 }, (_, index) => 0.001 * (index + 1))];
    let last = Number.NaN;
    for (const value of series) last = mine.update(value);
    let exact = 0;
    for (const value of series.slice(-period)) exact += value;
    expect(last).toBe(exact / period);
  });
});
