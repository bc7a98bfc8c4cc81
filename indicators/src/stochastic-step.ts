import type { IndicatorInput, IndicatorParams } from '@nautilus/sdk';
import { SMA } from 'trading-signals';
import type { IndicatorStep } from './indicator-step.ts';
import { WindowExtreme } from './window-extreme.ts';

/**
 * The stochastic oscillator as trading-signals' StochasticOscillator computes it (fast %K =
 * 100 × (close − lowest low) / (highest high − lowest low), the range taken as 1 when it is 0; %K = its
 * SMA over `kSlowing`; %D = the SMA of %K over `d`), with the window's high and low kept by
 * WindowExtreme instead of scanning the `k` bars every bar. The smoothing SMAs stay the library's
 * (their windows are a few bars), so the numbers are the library's exactly (test: 1,000,000 bars).
 */
export function stochasticStep(_input: IndicatorInput, params: IndicatorParams): IndicatorStep {
  const highest = new WindowExtreme(params.k!, 'highest');
  const lowest = new WindowExtreme(params.k!, 'lowest');
  const smoothK = new SMA(params.kSlowing!);
  const smoothD = new SMA(params.d!);
  let stable = false;
  return {
    update(bar, out) {
      const high = highest.update(bar.high);
      const low = lowest.update(bar.low);
      if (Number.isNaN(high)) {
        out[0] = out[1] = Number.NaN;
        return;
      }
      const divisor = high - low;
      const fastK = ((bar.close - low) * 100) / (divisor === 0 ? 1 : divisor);
      const stochK = smoothK.add(fastK);
      const stochD = stochK !== null ? smoothD.add(stochK) : null;
      if (stochK !== null && stochD !== null) stable = true;
      out[0] = stable ? (stochK as number) : Number.NaN;
      out[1] = stable ? (stochD as number) : Number.NaN;
    },
  };
}
