import { type BacktestMetrics, TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import type { TradeStats } from '../engine/index.ts';
import { maxDrawdown } from './drawdown.ts';
import {
  annualisedVolatility,
  compoundAnnualGrowth,
  periodReturns,
  sharpeRatio,
  sortinoRatio,
  yearsBetween,
} from './return-statistics.ts';

export interface MetricsInput {
  /** Equity at each bar's close. */
  equity: ArrayLike<number>;
  /** Each bar's open time, epoch ms. */
  time: ArrayLike<number>;
  timeframe: Timeframe;
  initialCash: number;
  periodsPerYear: number;
  riskFreeRate: number;
  firstOpen: number;
  lastClose: number;
  barsInMarket: number;
  tradeStats: TradeStats;
}

/** Every figure of BacktestMetrics, by the conventions documented there. */
export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { equity, time, initialCash, periodsPerYear, riskFreeRate, tradeStats } = input;
  const bars = equity.length;
  const finalEquity = bars > 0 ? equity[bars - 1]! : initialCash;
  const returns = periodReturns(equity, initialCash);
  const years = bars > 0 ? yearsBetween(time[0]!, time[bars - 1]! + TIMEFRAME_MS[input.timeframe]) : 0;
  const drawdown = maxDrawdown(equity, initialCash);
  const peakTime = drawdown.peakIndex < 0 ? time[0]! : time[drawdown.peakIndex]!;
  const endIndex = drawdown.recoveryIndex >= 0 ? drawdown.recoveryIndex : bars - 1;
  const trades = tradeStats.count;
  return {
    totalReturn: finalEquity / initialCash - 1,
    cagr: compoundAnnualGrowth(initialCash, finalEquity, years),
    annualisedVolatility: annualisedVolatility(returns, periodsPerYear),
    sharpe: sharpeRatio(returns, periodsPerYear, riskFreeRate),
    sortino: sortinoRatio(returns, periodsPerYear, riskFreeRate),
    maxDrawdown: drawdown.depth,
    maxDrawdownBars: drawdown.depth > 0 ? endIndex - drawdown.peakIndex : 0,
    maxDrawdownMs: drawdown.depth > 0 ? time[endIndex]! - peakTime : 0,
    maxDrawdownRecovered: drawdown.depth === 0 || drawdown.recoveryIndex >= 0,
    tradeCount: trades,
    winRate: trades > 0 ? tradeStats.wins / trades : null,
    profitFactor: tradeStats.grossLoss > 0 ? tradeStats.grossProfit / tradeStats.grossLoss : null,
    averageTrade: trades > 0 ? tradeStats.sumPnl / trades : null,
    averageTradeReturn: trades > 0 ? tradeStats.sumReturn / trades : null,
    exposure: bars > 0 ? input.barsInMarket / bars : 0,
    buyAndHoldReturn: input.lastClose / input.firstOpen - 1,
    periodsPerYear,
    years,
  };
}
