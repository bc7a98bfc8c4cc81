import type { BacktestMetrics } from '@nautilus/sdk';
import { money, percent, ratio } from '../lab-format.ts';

/** One cell of the report's metrics grid. */
export interface ReportMetric {
  key: string;
  label: string;
  value: string;
  /** Green for a gain, red for a loss; none for neutral figures. */
  tone?: 'up' | 'down';
  /** What the figure means, for its tooltip. */
  hint?: string;
}

const toneOf = (value: number | null | undefined): ReportMetric['tone'] =>
  value === null || value === undefined || !Number.isFinite(value) || value === 0 ? undefined : value > 0 ? 'up' : 'down';
const signed = (value: number): string => `${value > 0 ? '+' : ''}${money(value)}`;

/**
 * The report's metrics, in reading order: what the run made (net profit, returns against buy & hold),
 * its risk (drawdown, ratios) and its trading (count, win rate, average, exposure, costs).
 */
export function reportMetrics(
  metrics: BacktestMetrics,
  account: { initialCash: number; finalEquity: number; fees: number },
): ReportMetric[] {
  const net = account.finalEquity - account.initialCash;
  const excess = metrics.totalReturn - metrics.buyAndHoldReturn;
  return [
    { key: 'netProfit', label: 'Net profit', value: signed(net), tone: toneOf(net), hint: 'Final equity minus the initial cash' },
    { key: 'totalReturn', label: 'Total return', value: percent(metrics.totalReturn), tone: toneOf(metrics.totalReturn) },
    {
      key: 'buyAndHoldReturn',
      label: 'Buy & hold',
      value: percent(metrics.buyAndHoldReturn),
      tone: toneOf(metrics.buyAndHoldReturn),
      hint: "Holding the instrument from the first bar's open to the last close, without costs",
    },
    { key: 'excessReturn', label: 'vs buy & hold', value: `${excess > 0 ? '+' : ''}${percent(excess)}`, tone: toneOf(excess) },
    { key: 'cagr', label: 'CAGR', value: percent(metrics.cagr), tone: toneOf(metrics.cagr) },
    {
      key: 'maxDrawdown',
      label: 'Max drawdown',
      value: percent(metrics.maxDrawdown === 0 ? 0 : -metrics.maxDrawdown),
      tone: metrics.maxDrawdown > 0 ? 'down' : undefined,
      hint: `${metrics.maxDrawdownBars} bars from the peak${metrics.maxDrawdownRecovered ? ' to the recovery' : ', not recovered by the end'}`,
    },
    { key: 'sharpe', label: 'Sharpe', value: ratio(metrics.sharpe) },
    { key: 'sortino', label: 'Sortino', value: ratio(metrics.sortino) },
    { key: 'volatility', label: 'Volatility', value: percent(metrics.annualisedVolatility), hint: 'Annualised' },
    { key: 'tradeCount', label: 'Trades', value: String(metrics.tradeCount) },
    { key: 'winRate', label: 'Win rate', value: percent(metrics.winRate, 1) },
    { key: 'profitFactor', label: 'Profit factor', value: ratio(metrics.profitFactor) },
    {
      key: 'averageTrade',
      label: 'Average trade',
      value: metrics.averageTrade === null ? '—' : signed(metrics.averageTrade),
      tone: toneOf(metrics.averageTrade),
    },
    { key: 'exposure', label: 'Exposure', value: percent(metrics.exposure, 1), hint: 'Share of bars with a position' },
    { key: 'fees', label: 'Commission', value: money(account.fees) },
    { key: 'finalEquity', label: 'Final equity', value: money(account.finalEquity) },
  ];
}
