/**
 * O(1)-per-bar versions of the window indicators that trading-signals 8.3.0 recomputes over the whole
 * window on every bar (its SMA, WMA and Bollinger Bands sum the window each time, and `Array.shift`
 * moves it; 8.3.0 has no "Faster" variants any more). Same formulas and conventions as the library:
 * SMA = window sum / n; WMA with weights 1..n, newest heaviest; Bollinger = SMA ± k·σ with the
 * population σ (divide by n).
 *
 * Drift: a running sum collects rounding error with every add and subtract. Each class recomputes its
 * sums from the window, oldest to newest as the library does, every time the ring buffer wraps (every
 * `period` bars), so at most `period - 1` updates separate a value from an exact recomputation, and the
 * recomputation costs O(period) once per `period` bars (O(1) amortised). On those bars the result is
 * bit for bit the library's; in between it differs by floating-point noise (tests: under 1e-12
 * relative over 1,000,000 bars against the library and against an exact window sum).
 */

/** A fixed-length window of the last `period` inputs in a ring buffer. */
class RingWindow {
  readonly values: Float64Array;
  /** Index the next input is written to (= the oldest value once the window is full). */
  next = 0;
  count = 0;
  readonly period: number;

  constructor(period: number) {
    this.period = period;
    this.values = new Float64Array(period);
  }

  /** Stores `input` and returns the value it pushed out (NaN while the window is filling). */
  push(input: number): number {
    const dropped = this.count === this.period ? this.values[this.next]! : Number.NaN;
    this.values[this.next] = input;
    this.next = this.next + 1 === this.period ? 0 : this.next + 1;
    if (this.count < this.period) this.count++;
    return dropped;
  }

  /** True right after the window became full or wrapped: `next` points at the oldest value again. */
  get wrapped(): boolean {
    return this.next === 0 && this.count === this.period;
  }

  /** The window's sum, oldest to newest (the library's summation order). */
  exactSum(): number {
    let sum = 0;
    for (let offset = 0; offset < this.count; offset++) sum += this.values[(this.next + offset) % this.period]!;
    return sum;
  }
}

/** Simple moving average; NaN until `period` inputs. */
export class RunningSma {
  private readonly window: RingWindow;
  private sum = 0;
  readonly period: number;

  constructor(period: number) {
    this.period = period;
    this.window = new RingWindow(period);
  }

  update(input: number): number {
    const dropped = this.window.push(input);
    if (this.window.wrapped) this.sum = this.window.exactSum();
    else this.sum += Number.isNaN(dropped) ? input : input - dropped;
    return this.window.count === this.period ? this.sum / this.period : Number.NaN;
  }
}

/** Weighted moving average, weights 1 (oldest) to `period` (newest); NaN until `period` inputs. */
export class RunningWma {
  private readonly window: RingWindow;
  private sum = 0;
  private weighted = 0;
  private readonly divisor: number;
  readonly period: number;

  constructor(period: number) {
    this.period = period;
    this.window = new RingWindow(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  update(input: number): number {
    const filling = this.window.count < this.period;
    const previousSum = this.sum;
    const dropped = this.window.push(input);
    if (this.window.wrapped) {
      const { values, period } = this.window;
      let sum = 0;
      let weighted = 0;
      for (let index = 0; index < period; index++) {
        sum += values[index]!;
        weighted += values[index]! * (index + 1);
      }
      this.sum = sum;
      this.weighted = weighted;
    } else if (filling) {
      this.sum += input;
      this.weighted += input * this.window.count;
    } else {
      // Every kept value moves one weight down (−previous sum, which also drops the oldest at weight 1).
      this.weighted += this.period * input - previousSum;
      this.sum = previousSum - dropped + input;
    }
    return this.window.count === this.period ? this.weighted / this.divisor : Number.NaN;
  }
}

/** Bollinger Bands over a window: middle = SMA, upper/lower = middle ± k·σ (population σ). */
export class RunningBollinger {
  private readonly window: RingWindow;
  private mean = 0;
  /** Sum of squared deviations from the mean (Welford's M2, updated for the sliding window). */
  private squares = 0;
  middle = Number.NaN;
  upper = Number.NaN;
  lower = Number.NaN;

  readonly period: number;
  readonly k: number;

  constructor(period: number, k: number) {
    this.period = period;
    this.k = k;
    this.window = new RingWindow(period);
  }

  /** Updates `middle`, `upper` and `lower` (NaN until `period` inputs). */
  update(input: number): void {
    const { period } = this;
    const dropped = this.window.push(input);
    if (this.window.wrapped) {
      // Exact, as the library: the mean, then the mean of squared deviations from it.
      const { values } = this.window;
      const mean = this.window.exactSum() / period;
      let squares = 0;
      for (let index = 0; index < period; index++) {
        const deviation = values[index]! - mean;
        squares += deviation * deviation;
      }
      this.mean = mean;
      this.squares = squares;
    } else if (Number.isNaN(dropped)) {
      // Filling: Welford's online update.
      const count = this.window.count;
      const delta = input - this.mean;
      this.mean += delta / count;
      this.squares += delta * (input - this.mean);
    } else {
      const previousMean = this.mean;
      this.mean = previousMean + (input - dropped) / period;
      this.squares += (input - dropped) * (input - this.mean + dropped - previousMean);
      if (this.squares < 0) this.squares = 0;
    }
    if (this.window.count < period) return;
    const deviation = Math.sqrt(this.squares / period) * this.k;
    this.middle = this.mean;
    this.upper = this.mean + deviation;
    this.lower = this.mean - deviation;
  }
}
