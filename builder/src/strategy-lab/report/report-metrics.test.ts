import type { BacktestMetrics } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { reportMetrics } from './report-metrics.ts';

const metrics: BacktestMetrics = {
  totalReturn: 0.12,
  cagr: 0.05,
  annualisedVolatility: 0.2,
  sharpe: 1.234,
  sortino: null,
  maxDrawdown: 0.083,
  maxDrawdownBars: 14,
  maxDrawdownMs: 0,
  maxDrawdownRecovered: false,
  tradeCount: 7,
  winRate: 4 / 7,
  profitFactor: 2.5,
  averageTrade: -3.2,
  averageTradeReturn: 0.01,
  exposure: 0.4,
  buyAndHoldReturn: 0.2,
  periodsPerYear: 252,
  years: 2,
};

describe('reportMetrics', () => {
  const cells = Object.fromEntries(
    reportMetrics(metrics, { initialCash: 100_000, finalEquity: 112_000, fees: 14 }).map((cell) => [cell.key, cell]),
  );

  it('gives the net profit in money and the returns against buy & hold', () => {
    expect(cells.netProfit).toMatchObject({ value: '+12,000.00', tone: 'up' });
    expect(cells.totalReturn).toMatchObject({ value: '12.00 %', tone: 'up' });
    expect(cells.buyAndHoldReturn?.value).toBe('20.00 %');
    // 12 % − 20 % = −8 %: the strategy lagged holding.
    expect(cells.excessReturn).toMatchObject({ value: '-8.00 %', tone: 'down' });
  });

  it('shows the drawdown as a loss with how long it lasted, and undefined ratios as a dash', () => {
    expect(cells.maxDrawdown).toMatchObject({ value: '-8.30 %', tone: 'down' });
    expect(cells.maxDrawdown?.hint).toContain('14 bars from the peak, not recovered');
    expect(cells.sortino?.value).toBe('—');
    expect(cells.winRate?.value).toBe('57.1 %');
    expect(cells.averageTrade).toMatchObject({ value: '-3.20', tone: 'down' });
    expect(cells.fees?.value).toBe('14.00');
  });
});
