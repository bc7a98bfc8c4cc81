import type { BacktestResult } from '@nautilus/sdk';

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(2)} %`);
const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const money = (value: number | null) =>
  value === null ? 'n/a' : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const days = (ms: number) => `${(ms / 86_400_000).toFixed(ms < 864_000_000 ? 1 : 0)} days`;

/** The metrics of a result as [label, value] rows, in the order a reader scans them. */
export function metricRows(result: BacktestResult): [string, string][] {
  const metrics = result.metrics;
  const recovered = metrics.maxDrawdownRecovered ? '' : ', not recovered';
  return [
    ['total return', percent(metrics.totalReturn)],
    ['CAGR', percent(metrics.cagr)],
    ['annualised volatility', percent(metrics.annualisedVolatility)],
    ['Sharpe', ratio(metrics.sharpe)],
    ['Sortino', ratio(metrics.sortino)],
    ['max drawdown', percent(metrics.maxDrawdown)],
    ['max drawdown duration', `${metrics.maxDrawdownBars} bars (${days(metrics.maxDrawdownMs)}${recovered})`],
    ['trades', String(metrics.tradeCount)],
    ['rejected orders', String(result.rejectedOrders)],
    ['win rate', percent(metrics.winRate)],
    ['profit factor', ratio(metrics.profitFactor)],
    ['average trade', money(metrics.averageTrade)],
    ['average trade return', percent(metrics.averageTradeReturn)],
    ['exposure', percent(metrics.exposure)],
    ['buy and hold', percent(metrics.buyAndHoldReturn)],
    ['final equity', money(result.final.equity)],
  ];
}

/** Two columns, labels padded to the longest, values right-aligned. */
export function formatTable(rows: [string, string][], header: [string, string] = ['metric', 'value']): string {
  const all = [header, ...rows];
  const labelWidth = Math.max(...all.map(([label]) => label.length));
  const valueWidth = Math.max(...all.map(([, value]) => value.length));
  return all.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}`).join('\n');
}
