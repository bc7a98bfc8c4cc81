import type { AttributionPeriod } from '@nautilus/analytics';
import type { PriceSeries } from '@nautilus/sdk';

/**
 * Daily attribution periods for unchanged holdings against a fixed-weight benchmark rebalanced
 * daily: on each date every symbol closed on (inner join), the portfolio's weights are its holdings'
 * values at the previous close over their sum, the benchmark's are the given weights, and each
 * instrument's return is close over previous close − 1 on both sides.
 */
export function attributionPeriods(
  positions: readonly { symbol: string; quantity: number }[],
  benchmarkWeights: Readonly<Record<string, number>>,
  prices: Record<string, PriceSeries>,
): AttributionPeriod[] {
  const symbols = [...new Set([...positions.map((position) => position.symbol), ...Object.keys(benchmarkWeights)])];
  const closes = symbols.map((symbol) => {
    const series = prices[symbol] ?? { time: [], close: [] };
    return new Map(series.time.map((time, index) => [time, series.close[index]!]));
  });
  const dates = [...(closes[0]?.keys() ?? [])].filter((time) => closes.every((map) => map.has(time))).sort((a, b) => a - b);
  const periods: AttributionPeriod[] = [];
  for (let day = 1; day < dates.length; day++) {
    const before = dates[day - 1]!;
    const now = dates[day]!;
    const returnOf = (symbol: string) => {
      const map = closes[symbols.indexOf(symbol)]!;
      return map.get(now)! / map.get(before)! - 1;
    };
    const values = positions.map((position) => position.quantity * closes[symbols.indexOf(position.symbol)]!.get(before)!);
    const book = values.reduce((sum, value) => sum + value, 0);
    const portfolio: AttributionPeriod['portfolio'] = Object.fromEntries(
      positions.map((position, index) => [position.symbol, { weight: values[index]! / book, return: returnOf(position.symbol) }]),
    );
    const benchmark: AttributionPeriod['benchmark'] = Object.fromEntries(
      Object.entries(benchmarkWeights).map(([symbol, weight]) => [symbol, { weight, return: returnOf(symbol) }]),
    );
    periods.push({ time: now, portfolio, benchmark });
  }
  return periods;
}
