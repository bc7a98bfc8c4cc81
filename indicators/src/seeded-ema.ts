import { EMA, SMA } from 'trading-signals';

/**
 * EMA with the textbook seed (TA-Lib, backtrader, and Nautilus strategies since the first release):
 * the SMA of the first `period` inputs, then trading-signals' EMA recurrence. trading-signals' own EMA
 * starts from the first input instead; its first `update` with no previous value returns that input,
 * so handing it the SMA as its first input gives the seeded average with the library's arithmetic.
 * `update` returns NaN until the seed is complete.
 */
export class SeededEma {
  private readonly seed: SMA;
  private readonly average: EMA;
  private count = 0;
  readonly period: number;

  constructor(period: number) {
    this.period = period;
    this.seed = new SMA(period);
    this.average = new EMA(period);
  }

  update(input: number): number {
    if (this.count < this.period) {
      this.count++;
      const mean = this.seed.add(input);
      if (this.count < this.period || mean === null) return Number.NaN;
      return this.average.add(mean) ?? Number.NaN;
    }
    return this.average.add(input) ?? Number.NaN;
  }
}
