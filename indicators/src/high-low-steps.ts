import type { IndicatorInput, IndicatorParams } from '@nautilus/sdk';
import type { IndicatorStep } from './indicator-step.ts';
import { WindowExtreme } from './window-extreme.ts';

// Williams %R and Donchian channels as trading-signals 8.3.0 computes them, with the window's highest
// high and lowest low from WindowExtreme (O(1) amortised) instead of a scan of the window every bar.
// No arithmetic changes, so the numbers are the library's exactly (window-extreme.test.ts).

/** Williams %R: −100 × (highest high − close) / (highest high − lowest low); −100 when the range is 0. */
export function williamsRStep(_input: IndicatorInput, params: IndicatorParams): IndicatorStep {
  const highest = new WindowExtreme(params.period!, 'highest');
  const lowest = new WindowExtreme(params.period!, 'lowest');
  return {
    update(bar, out) {
      const high = highest.update(bar.high);
      const low = lowest.update(bar.low);
      if (Number.isNaN(high)) out[0] = Number.NaN;
      else {
        const divisor = high - low;
        out[0] = divisor === 0 ? -100 : ((high - bar.close) / divisor) * -100;
      }
    },
  };
}

/** Donchian channels: upper = highest high, lower = lowest low, middle = their mean (outputs middle, upper, lower). */
export function donchianStep(_input: IndicatorInput, params: IndicatorParams): IndicatorStep {
  const highest = new WindowExtreme(params.period!, 'highest');
  const lowest = new WindowExtreme(params.period!, 'lowest');
  return {
    update(bar, out) {
      const upper = highest.update(bar.high);
      const lower = lowest.update(bar.low);
      out[0] = (upper + lower) / 2;
      out[1] = upper;
      out[2] = lower;
    },
  };
}
