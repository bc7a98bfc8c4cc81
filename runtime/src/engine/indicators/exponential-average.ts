/**
 * An exponential average with the textbook seed: the simple mean of the first `period` inputs, then
 * value += alpha × (input − value). `push` returns NaN until the seed is complete. EMA uses
 * alpha = 2 / (period + 1); MACD reuses it for its three averages.
 */
export class ExponentialAverage {
  readonly period: number;
  readonly alpha: number;
  value = Number.NaN;
  private count = 0;
  private sum = 0;

  constructor(period: number, alpha = 2 / (period + 1)) {
    this.period = period;
    this.alpha = alpha;
  }

  push(input: number): number {
    if (this.count < this.period) {
      this.sum += input;
      this.count++;
      if (this.count === this.period) this.value = this.sum / this.period;
      return this.value;
    }
    this.value += this.alpha * (input - this.value);
    return this.value;
  }
}
