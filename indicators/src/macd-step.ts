import type { IndicatorInput, IndicatorParams } from '@nautilus/sdk';
import type { IndicatorStep } from './indicator-step.ts';
import { SeededEma } from './seeded-ema.ts';

/**
 * MACD from three SMA-seeded EMAs (see SeededEma): line = EMA(fast) − EMA(slow), emitted once the slow
 * EMA is seeded; signal = EMA of the line; histogram = line − signal. trading-signals' own MACD uses
 * its first-input-seeded EMA, which would change the numbers strategies have always seen.
 */
export function macdStep(_input: IndicatorInput, params: IndicatorParams): IndicatorStep {
  const fast = new SeededEma(params.fast!);
  const slow = new SeededEma(params.slow!);
  const signal = new SeededEma(params.signal!);
  return {
    update(bar, out) {
      const fastValue = fast.update(bar.close);
      const slowValue = slow.update(bar.close);
      if (Number.isNaN(fastValue) || Number.isNaN(slowValue)) {
        out[0] = out[1] = out[2] = Number.NaN;
        return;
      }
      const line = fastValue - slowValue;
      const signalValue = signal.update(line);
      out[0] = line;
      out[1] = signalValue;
      out[2] = line - signalValue;
    },
  };
}
