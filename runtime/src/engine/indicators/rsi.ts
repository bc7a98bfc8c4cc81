import { StreamingIndicator } from './streaming-indicator.ts';

/**
 * Wilder's Relative Strength Index: average gain and loss seeded with their simple means over the
 * first `period` close-to-close changes, then smoothed as avg = (avg × (period − 1) + latest) / period.
 * RSI = 100 − 100 / (1 + avgGain / avgLoss); 100 without losses, 50 when nothing moved.
 */
export class RsiIndicator extends StreamingIndicator {
  readonly period: number;
  private previousClose = Number.NaN;
  private changes = 0;
  private averageGain = 0;
  private averageLoss = 0;

  constructor(period: number) {
    super();
    this.period = period;
  }

  update(_open: number, _high: number, _low: number, close: number): void {
    const previous = this.previousClose;
    this.previousClose = close;
    if (Number.isNaN(previous)) return;
    const change = close - previous;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    this.changes++;
    if (this.changes <= this.period) {
      // Sums until the seed is complete; divided once so the seed is the plain mean.
      this.averageGain += gain;
      this.averageLoss += loss;
      if (this.changes < this.period) return;
      this.averageGain /= this.period;
      this.averageLoss /= this.period;
    } else {
      this.averageGain = (this.averageGain * (this.period - 1) + gain) / this.period;
      this.averageLoss = (this.averageLoss * (this.period - 1) + loss) / this.period;
    }
    if (this.averageLoss === 0) this.emit(this.averageGain === 0 ? 50 : 100);
    else this.emit(100 - 100 / (1 + this.averageGain / this.averageLoss));
  }
}
