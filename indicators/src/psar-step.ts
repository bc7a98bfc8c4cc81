import type { IndicatorInput, IndicatorParams } from '@nautilus/sdk';
import type { IndicatorStep } from './indicator-step.ts';

/**
 * Wilder's Parabolic SAR (New Concepts in Technical Trading Systems, 1978) as Tulip Indicators
 * computes it, bar by bar. trading-signals 8.3.0's PSAR keeps the SAR inside the prior two bars'
 * range only on a bar that crosses it, where Wilder always does, so it drifts from Wilder's (and
 * Tulip's) values; this step follows Wilder instead and is checked against the Tulip port exactly.
 *
 * The first trend is long when the second bar's midpoint is at or above the first's (Tulip's rule),
 * starting from the first bar's low (long) or high (short). Each bar: SAR += AF × (EP − SAR); a long
 * SAR is never above the prior two bars' lows (a short one never below their highs); a new extreme
 * raises AF by `step` up to `max`; a bar that crosses the SAR reverses the trend, the SAR becoming
 * the old extreme and AF going back to `step`. The first value is on the second bar.
 */
export function psarStep(_input: IndicatorInput, params: IndicatorParams): IndicatorStep {
  const step = params.step!;
  const max = params.max!;
  let bars = 0;
  let long = true;
  let sar = 0;
  let extreme = 0;
  let accel = step;
  let high1 = 0; // the previous bar's high and low
  let low1 = 0;
  let high2 = 0; // the bar before it
  let low2 = 0;
  return {
    update(bar, out) {
      const { high, low } = bar;
      if (bars === 0) {
        bars = 1;
        high1 = high;
        low1 = low;
        out[0] = Number.NaN;
        return;
      }
      if (bars === 1) {
        long = high1 + low1 <= high + low;
        extreme = long ? high1 : low1;
        sar = long ? low1 : high1;
      }
      sar = (extreme - sar) * accel + sar;
      if (long) {
        if (bars >= 2 && sar > low2) sar = low2;
        if (sar > low1) sar = low1;
        if (high > extreme) {
          accel = Math.min(max, accel + step);
          extreme = high;
        }
      } else {
        if (bars >= 2 && sar < high2) sar = high2;
        if (sar < high1) sar = high1;
        if (low < extreme) {
          accel = Math.min(max, accel + step);
          extreme = low;
        }
      }
      if ((long && low < sar) || (!long && high > sar)) {
        accel = step;
        sar = extreme;
        long = !long;
        extreme = long ? high : low;
      }
      out[0] = sar;
      high2 = high1;
      low2 = low1;
      high1 = high;
      low1 = low;
      bars++;
    },
  };
}
