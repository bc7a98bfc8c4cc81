import { NautilusError, type PriceSeries } from '@nautilus/sdk';

/**
 * Simple returns of several instruments on the dates all of them have, the last `lookback` of them,
 * row-major (one row per date, one column per symbol) as compute kernels take them.
 */
export function alignedReturns(
  prices: Record<string, PriceSeries>,
  symbols: string[],
  lookback: number,
): { returns: Float64Array; observations: number; droppedDates: number } {
  const counts = new Map<number, number>();
  for (const symbol of symbols) for (const time of prices[symbol]?.time ?? []) counts.set(time, (counts.get(time) ?? 0) + 1);
  const common = [...counts].filter(([, count]) => count === symbols.length).map(([time]) => time);
  common.sort((a, b) => a - b);
  const dates = common.slice(-(lookback + 1));
  if (dates.length < 3) {
    throw new NautilusError(
      'INSUFFICIENT_DATA',
      `Only ${dates.length} dates are common to ${symbols.join(', ')}; at least 3 are needed`,
      {
        fields: [{ path: 'lookback', message: `${dates.length} common dates` }],
      },
    );
  }
  const observations = dates.length - 1;
  const returns = new Float64Array(observations * symbols.length);
  symbols.forEach((symbol, column) => {
    const series = prices[symbol] as PriceSeries;
    const closeAt = new Map(series.time.map((time, index) => [time, series.close[index] as number]));
    for (let row = 0; row < observations; row++) {
      const before = closeAt.get(dates[row] as number) as number;
      returns[row * symbols.length + column] = (closeAt.get(dates[row + 1] as number) as number) / before - 1;
    }
  });
  return { returns, observations, droppedDates: counts.size - common.length };
}
