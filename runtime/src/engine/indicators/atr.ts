import { StreamingIndicator } from './streaming-indicator.ts';

/**
 * Wilder's Average True Range. True range = max(high − low, |high − previous close|, |low − previous
 * close|), just high − low on the first bar; the first ATR is the mean of the first `period` true
 * ranges, then ATR = (ATR × (period − 1) + TR) / period.
 */
export class AtrIndicator extends StreamingIndicator {
  readonly period: number;
  private previousClose = Number.NaN;
  private count = 0;
  private average = 0;

  constructor(period: number) {
    super();
    this.period = period;
  }

  update(_open: number, high: number, low: number, close: number): void {
    const previous = this.previousClose;
    this.previousClose = close;
    let range = high - low;
    if (!Number.isNaN(previous)) {
      const up = Math.abs(high - previous);
      const down = Math.abs(low - previous);
      if (up > range) range = up;
      if (down > range) range = down;
    }
    this.count++;
    if (this.count <= this.period) {
      this.average += range;
      if (this.count < this.period) return;
      this.average /= this.period;
    } else {
      this.average = (this.average * (this.period - 1) + range) / this.period;
    }
    this.emit(this.average);
  }
}
