import { REGIMES, RegimeTracker } from '@nautilus/regimes';
import type { StrategyRegime } from '@nautilus/sdk';

/**
 * `ctx.regime`. The closes are kept from the first bar, but the model runs only once a strategy reads
 * it: the first read catches up on every close so far (the same walk-forward a full run would do, so
 * the answer is the same whenever reading starts), later reads on the bars since. Runs inside the
 * isolate with the rest of the engine, from the bars the strategy was given, so it is causal.
 */
export class RegimeFeed {
  #closes = new Float64Array(1_024);
  #count = 0;
  #tracker: RegimeTracker | undefined;
  #answer: StrategyRegime | undefined;
  #answeredAt = -1;

  /** Records the close of the bar that just closed. */
  push(close: number): void {
    if (this.#count === this.#closes.length) {
      const grown = new Float64Array(this.#closes.length * 2);
      grown.set(this.#closes);
      this.#closes = grown;
    }
    this.#closes[this.#count++] = close;
  }

  /** The regime as of the last close; undefined before the first fit. */
  read(): StrategyRegime | undefined {
    if (this.#answeredAt === this.#count) return this.#answer;
    this.#tracker ??= new RegimeTracker();
    const tracker = this.#tracker;
    while (tracker.bars < this.#count) tracker.push(this.#closes[tracker.bars]!);
    this.#answeredAt = this.#count;
    if (tracker.label < 0) {
      this.#answer = undefined;
      return undefined;
    }
    const regime = REGIMES[tracker.label]!;
    const probabilities: Record<string, number> = {};
    REGIMES.forEach((entry, index) => {
      probabilities[entry.id] = tracker.probabilities[index]!;
    });
    this.#answer = Object.freeze({
      id: regime.id,
      trend: regime.trend,
      volatility: regime.volatility,
      probability: tracker.probabilities[tracker.label]!,
      probabilities: Object.freeze(probabilities),
    });
    return this.#answer;
  }
}
