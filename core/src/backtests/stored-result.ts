import type { BacktestResult } from '@nautilus/sdk';
import { type DailyEquity, dailyEquity } from '../analytics/daily-equity.ts';
import { downsampleIndices } from './downsample.ts';

/** What a stored run keeps of a result; metrics always describe the whole run. */
export const STORED_LIMITS = {
  curvePoints: 2_000,
  orders: 1_000,
  fills: 1_000,
  trades: 1_000,
  logs: 500,
  riskEvents: 1_000,
} as const;

/** How much of each part of a result was kept: `total` counts what the run produced, dropped ones included. */
export interface StoredCounts {
  curve: { bars: number; points: number };
  orders: { total: number; kept: number };
  fills: { total: number; kept: number };
  trades: { total: number; kept: number };
  logs: { total: number; kept: number };
  riskEvents: { total: number; kept: number };
}

/**
 * A BacktestResult as a run stores it: the curve downsampled, the first records of each kind, and
 * the equity at each UTC day's last bar in full (`daily`, for the tear sheet; absent in runs stored
 * before it was).
 */
export type StoredBacktestResult = BacktestResult & { stored: StoredCounts; daily?: DailyEquity };

/**
 * Shrinks a result for storage: equity and drawdown to at most 2,000 points (first, last and each
 * bucket's extremes, so the peak and the deepest drawdown survive), and the first 1,000 orders,
 * fills and trades, 500 log lines and 1,000 risk events. `stored` says what was kept.
 */
export function toStoredResult(result: BacktestResult): StoredBacktestResult {
  const { curve } = result;
  const indices = downsampleIndices(curve.time.length, [curve.equity, curve.drawdown], STORED_LIMITS.curvePoints);
  const pick = (values: number[]) => indices.map((index) => values[index] as number);
  const cap = <T>(records: T[], limit: number, dropped: number) => ({
    kept: records.slice(0, limit),
    counts: { total: records.length + dropped, kept: Math.min(records.length, limit) },
  });
  const orders = cap(result.orders, STORED_LIMITS.orders, result.dropped.orders);
  const fills = cap(result.fills, STORED_LIMITS.fills, result.dropped.fills);
  const trades = cap(result.trades, STORED_LIMITS.trades, result.dropped.trades);
  const logs = cap(result.logs, STORED_LIMITS.logs, result.dropped.logLines);
  const riskEvents = cap(result.riskEvents, STORED_LIMITS.riskEvents, result.dropped.riskEvents);
  return {
    ...result,
    curve: { time: pick(curve.time), equity: pick(curve.equity), drawdown: pick(curve.drawdown) },
    orders: orders.kept,
    fills: fills.kept,
    trades: trades.kept,
    logs: logs.kept,
    riskEvents: riskEvents.kept,
    daily: dailyEquity(curve.time, curve.equity),
    stored: {
      curve: { bars: curve.time.length, points: indices.length },
      orders: orders.counts,
      fills: fills.counts,
      trades: trades.counts,
      logs: logs.counts,
      riskEvents: riskEvents.counts,
    },
  };
}
