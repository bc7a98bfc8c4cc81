import type { OhlcvFrame } from '@nautilus/sdk';

/** A line to draw: its name and its points, times in epoch ms. */
export interface CurveSeries {
  name: string;
  time: number[];
  values: number[];
}

/**
 * The equity of buying the instrument with all the initial cash at the first bar's open and holding
 * it, without costs (the definition of the `buyAndHoldReturn` metric): cash × close / first open.
 * With `times`, only at those bar times (the run's stored equity curve is downsampled).
 * @example buyAndHoldCurve({ open: [100, …], close: [110, 121], time: [t0, t1] … }, 1_000) // values [1_100, 1_210]
 */
export function buyAndHoldCurve(
  bars: Pick<OhlcvFrame, 'time' | 'open' | 'close'>,
  initialCash: number,
  times?: readonly number[],
): CurveSeries {
  const firstOpen = bars.open[0];
  if (firstOpen === undefined || !(firstOpen > 0)) return { name: 'Buy & hold', time: [], values: [] };
  const units = initialCash / firstOpen;
  if (!times) return { name: 'Buy & hold', time: [...bars.time], values: bars.close.map((close) => units * close) };
  const closeAt = new Map<number, number>();
  bars.time.forEach((time, index) => {
    closeAt.set(time, bars.close[index]!);
  });
  const time: number[] = [];
  const values: number[] = [];
  for (const at of times) {
    const close = closeAt.get(at);
    if (close === undefined) continue;
    time.push(at);
    values.push(units * close);
  }
  return { name: 'Buy & hold', time, values };
}

/**
 * A curve as the percent gained since `start` (the run's initial cash, or buy & hold's): runs of
 * any size, and buy & hold, then start at 0 % and can share one axis.
 * @example normaliseCurve({ name: 'a', time: [1, 2], values: [100_000, 110_000] }, 100_000).values // [0, 10]
 */
export function normaliseCurve(series: CurveSeries, start: number): CurveSeries {
  if (!(start > 0)) return { ...series, values: series.values.map(() => Number.NaN) };
  return { ...series, values: series.values.map((value) => (value / start - 1) * 100) };
}
