import { StreamingIndicator } from './streaming-indicator.ts';

/** Simple moving average of the last `period` closes. */
export class SmaIndicator extends StreamingIndicator {
  readonly period: number;
  private readonly window: Float64Array;
  private next = 0;
  private count = 0;
  private sum = 0;

  constructor(period: number) {
    super();
    this.period = period;
    this.window = new Float64Array(period);
  }

  update(_open: number, _high: number, _low: number, close: number): void {
    if (this.count >= this.period) this.sum -= this.window[this.next]!;
    else this.count++;
    this.window[this.next] = close;
    this.sum += close;
    this.next++;
    if (this.next === this.period) {
      this.next = 0;
      // A running sum drifts by rounding over millions of bars; re-adding the window once per lap
      // keeps it exact at O(1) amortised cost.
      let exact = 0;
      for (let index = 0; index < this.count; index++) exact += this.window[index]!;
      this.sum = exact;
    }
    if (this.count === this.period) this.emit(this.sum / this.period);
  }
}
