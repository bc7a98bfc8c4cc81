import type { PriceSeries } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { Portfolio } from './portfolio-store.ts';
import { loadDailyCloses } from './price-history.ts';

export interface MarkedPortfolio {
  prices: Record<string, PriceSeries>;
  /** Each position at its last close. */
  values: { symbol: string; quantity: number; price: number; value: number }[];
  /**
   * Equity on each date all positions have a close, oldest first: the capital plus the positions'
   * P&L since the first of those dates, as if they had been held all along. Drawdown and daily loss
   * are measured on it; the last element is the equity now.
   */
  equityPath: number[];
}

/** Marks a stored portfolio to its last `bars` daily closes before `asOf`. */
export async function markPortfolio(
  host: PluginHost,
  portfolio: Portfolio,
  bars: number,
  asOf: number,
): Promise<MarkedPortfolio> {
  const symbols = portfolio.positions.map((position) => position.symbol);
  const prices = await loadDailyCloses(host, portfolio.dataSource, symbols, bars + 1, asOf);
  const values = portfolio.positions.map((position) => {
    const price = prices[position.symbol]?.close.at(-1) ?? Number.NaN;
    return { symbol: position.symbol, quantity: position.quantity, price, value: position.quantity * price };
  });
  return { prices, values, equityPath: equityOverTime(portfolio, prices) };
}

function equityOverTime(portfolio: Portfolio, prices: Record<string, PriceSeries>): number[] {
  const closes = portfolio.positions.map((position) => {
    const series = prices[position.symbol];
    return new Map(series?.time.map((time, index) => [time, series.close[index] as number]) ?? []);
  });
  const times = [...(closes[0]?.keys() ?? [])].filter((time) => closes.every((byTime) => byTime.has(time))).sort((a, b) => a - b);
  const first = times[0];
  if (first === undefined) return [portfolio.capital];
  return times.map((time) =>
    portfolio.positions.reduce((equity, position, index) => {
      const byTime = closes[index] as Map<number, number>;
      return equity + position.quantity * ((byTime.get(time) as number) - (byTime.get(first) as number));
    }, portfolio.capital),
  );
}
