import type { BacktestMetrics, BacktestResult, Timeframe, TimeSeriesFrame } from '@nautilus/sdk';

/** One row of the metrics table: its label and the formatted value (em dash when undefined). */
export interface MetricRow {
  key: string;
  label: string;
  value: string;
}

export const percent = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)} %`;

export const ratio = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

export const money = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The metrics table's rows, in reading order. */
export function metricRows(metrics: BacktestMetrics): MetricRow[] {
  return [
    { key: 'totalReturn', label: 'Total return', value: percent(metrics.totalReturn) },
    { key: 'cagr', label: 'CAGR', value: percent(metrics.cagr) },
    { key: 'sharpe', label: 'Sharpe', value: ratio(metrics.sharpe) },
    { key: 'sortino', label: 'Sortino', value: ratio(metrics.sortino) },
    { key: 'maxDrawdown', label: 'Max drawdown', value: percent(metrics.maxDrawdown === 0 ? 0 : -metrics.maxDrawdown) },
    { key: 'winRate', label: 'Win rate', value: percent(metrics.winRate, 1) },
    { key: 'profitFactor', label: 'Profit factor', value: ratio(metrics.profitFactor) },
    { key: 'tradeCount', label: 'Trades', value: String(metrics.tradeCount) },
    { key: 'exposure', label: 'Exposure', value: percent(metrics.exposure, 1) },
    { key: 'buyAndHoldReturn', label: 'Buy & hold', value: percent(metrics.buyAndHoldReturn) },
  ];
}

/** Equity and drawdown of a result as two line-widget frames (drawdown in percent). */
export function curveFrames(curve: BacktestResult['curve']): { equity: TimeSeriesFrame; drawdown: TimeSeriesFrame } {
  return {
    equity: { kind: 'timeseries', series: [{ name: 'Equity', time: [...curve.time], values: [...curve.equity] }] },
    drawdown: {
      kind: 'timeseries',
      series: [{ name: 'Drawdown', unit: '%', time: [...curve.time], values: curve.drawdown.map((value) => value * 100) }],
    },
  };
}

/** The time range a curve covers, for the widget's `timeRange` prop. */
export function curveRange(curve: BacktestResult['curve']): { from: number; to: number } {
  const from = curve.time[0] ?? 0;
  const to = curve.time[curve.time.length - 1] ?? from + 1;
  return { from, to: to > from ? to : from + 1 };
}

/** Quick backtest ranges, as relative times the server resolves. */
export const QUICK_RANGES = [
  { label: '1y', from: 'now-1y' },
  { label: '3y', from: 'now-3y' },
  { label: '5y', from: 'now-5y' },
] as const;

export const LAB_TIMEFRAMES: readonly Timeframe[] = ['1d', '4h', '1h', '15m'];

/** `1,234.56 (+1.2 %)` style summary of a live PnL against the initial cash. */
export function pnlText(pnl: number | null | undefined, initialCash: number | null | undefined): string {
  if (pnl === null || pnl === undefined || !Number.isFinite(pnl)) return '—';
  const sign = pnl > 0 ? '+' : '';
  const share = initialCash ? ` (${sign}${percent(pnl / initialCash, 2)})` : '';
  return `${sign}${money(pnl)}${share}`;
}

/** A deployment's recent equity (`activity.equity`) as a line-widget frame; undefined without points. */
export function equityFrame(equity: { time: number[]; equity: number[] } | null | undefined): TimeSeriesFrame | undefined {
  if (!equity || equity.time.length === 0) return undefined;
  return { kind: 'timeseries', series: [{ name: 'Equity', time: [...equity.time], values: [...equity.equity] }] };
}
