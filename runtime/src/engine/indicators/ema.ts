import { ExponentialAverage } from './exponential-average.ts';
import { StreamingIndicator } from './streaming-indicator.ts';

/** Exponential moving average of closes: alpha = 2 / (period + 1), seeded with the SMA of the first `period` closes. */
export class EmaIndicator extends StreamingIndicator {
  readonly period: number;
  private readonly average: ExponentialAverage;

  constructor(period: number) {
    super();
    this.period = period;
    this.average = new ExponentialAverage(period);
  }

  update(_open: number, _high: number, _low: number, close: number): void {
    const value = this.average.push(close);
    if (!Number.isNaN(value)) this.emit(value);
  }
}
