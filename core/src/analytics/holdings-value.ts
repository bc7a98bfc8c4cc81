import type { PriceSeries } from '@nautilus/sdk';

/** A portfolio's value over time and the dates alignment dropped. */
export interface HoldingsValue {
  time: number[];
  value: number[];
  /** Dates some symbol had and another lacked, left out. */
  droppedDates: number;
}

/**
 * The value of today's holdings held unchanged over the price history: capital + Σ qᵢ·(closeᵢ,t −
 * closeᵢ,first), on the dates every symbol has a close (inner join, like the risk models). Measuring
 * P&L on the capital keeps the level positive for long-short books whose net value is near zero.
 */
export function holdingsValue(
  positions: readonly { symbol: string; quantity: number }[],
  prices: Record<string, PriceSeries>,
  capital: number,
): HoldingsValue {
  const byDate = new Map<number, number>();
  const closes = positions.map((position) => {
    const series = prices[position.symbol] ?? { time: [], close: [] };
    const map = new Map<number, number>();
    series.time.forEach((time, index) => {
      map.set(time, series.close[index]!);
      byDate.set(time, (byDate.get(time) ?? 0) + 1);
    });
    return map;
  });
  const dates = [...byDate.entries()]
    .filter(([, count]) => count === positions.length)
    .map(([time]) => time)
    .sort((a, b) => a - b);
  const first = dates[0];
  const result: HoldingsValue = { time: dates, value: [], droppedDates: byDate.size - dates.length };
  if (first === undefined) return result;
  for (const time of dates) {
    let pnl = 0;
    positions.forEach((position, index) => {
      pnl += position.quantity * (closes[index]!.get(time)! - closes[index]!.get(first)!);
    });
    result.value.push(capital + pnl);
  }
  return result;
}
