import type { MacdIndicator as MacdValues } from '@nautilus/sdk';
import { ExponentialAverage } from './exponential-average.ts';
import { StreamingIndicator } from './streaming-indicator.ts';

/**
 * MACD: line = EMA(fast) − EMA(slow) of closes, emitted once the slow EMA is seeded; signal = EMA of
 * the line over `signalPeriod` (seeded with the mean of its first values); histogram = line − signal.
 */
export class MacdIndicator extends StreamingIndicator implements MacdValues {
  private readonly fast: ExponentialAverage;
  private readonly slow: ExponentialAverage;
  private readonly signalAverage: ExponentialAverage;
  private signalValue = Number.NaN;

  constructor(fast: number, slow: number, signal: number) {
    super();
    this.fast = new ExponentialAverage(fast);
    this.slow = new ExponentialAverage(slow);
    this.signalAverage = new ExponentialAverage(signal);
  }

  update(_open: number, _high: number, _low: number, close: number): void {
    const fast = this.fast.push(close);
    const slow = this.slow.push(close);
    if (Number.isNaN(fast) || Number.isNaN(slow)) return;
    const line = fast - slow;
    this.emit(line);
    this.signalValue = this.signalAverage.push(line);
  }

  get signal(): number | undefined {
    return Number.isNaN(this.signalValue) ? undefined : this.signalValue;
  }

  get histogram(): number | undefined {
    return Number.isNaN(this.signalValue) ? undefined : this.current - this.signalValue;
  }
}
