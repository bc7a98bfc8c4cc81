import type { BollingerIndicator as BollingerValues } from '@nautilus/sdk';
import { StreamingIndicator } from './streaming-indicator.ts';

/**
 * Bollinger Bands: middle = SMA(period), bands = middle ± k × the window's population standard
 * deviation. Sums are kept around an anchor near the mean (re-anchored once per lap of the window) so
 * that Σx² − (Σx)²/n does not cancel catastrophically at high prices, at O(1) amortised per bar.
 */
export class BollingerIndicator extends StreamingIndicator implements BollingerValues {
  readonly period: number;
  readonly k: number;
  private readonly window: Float64Array;
  private next = 0;
  private count = 0;
  private anchor = Number.NaN;
  private sum = 0;
  private sumOfSquares = 0;
  private deviation = Number.NaN;

  constructor(period: number, k: number) {
    super();
    this.period = period;
    this.k = k;
    this.window = new Float64Array(period);
  }

  update(_open: number, _high: number, _low: number, close: number): void {
    if (Number.isNaN(this.anchor)) this.anchor = close;
    if (this.count >= this.period) {
      const leaving = this.window[this.next]! - this.anchor;
      this.sum -= leaving;
      this.sumOfSquares -= leaving * leaving;
    } else {
      this.count++;
    }
    this.window[this.next] = close;
    const entering = close - this.anchor;
    this.sum += entering;
    this.sumOfSquares += entering * entering;
    this.next++;
    if (this.next === this.period) {
      this.next = 0;
      this.reanchor();
    }
    if (this.count < this.period) return;
    const meanOffset = this.sum / this.period;
    const variance = this.sumOfSquares / this.period - meanOffset * meanOffset;
    this.deviation = variance > 0 ? Math.sqrt(variance) : 0;
    this.emit(this.anchor + meanOffset);
  }

  private reanchor(): void {
    let total = 0;
    for (let index = 0; index < this.count; index++) total += this.window[index]!;
    this.anchor = total / this.count;
    this.sum = 0;
    this.sumOfSquares = 0;
    for (let index = 0; index < this.count; index++) {
      const offset = this.window[index]! - this.anchor;
      this.sum += offset;
      this.sumOfSquares += offset * offset;
    }
  }

  get middle(): number | undefined {
    return this.value;
  }

  get upper(): number | undefined {
    return this.emitted > 0 ? this.current + this.k * this.deviation : undefined;
  }

  get lower(): number | undefined {
    return this.emitted > 0 ? this.current - this.k * this.deviation : undefined;
  }
}
