import type { RiskEvent, TradingMode } from '@nautilus/sdk';
import { limitMessage } from '../risk/limit-kinds.ts';

/** One row of the risk events table, from the `riskEvents` of a backtest result or a deployment's activity. */
export interface RiskEventRow {
  key: string;
  /** Epoch ms: the time of the bar being processed. */
  time: number;
  type: RiskEvent['type'];
  level: RiskEvent['level'];
  limit: string;
  /** Why, in words: names the limit, the threshold and the value. */
  message: string;
  symbol: string | null;
  orderId: number | null;
  /** The trading mode after the event. */
  mode: TradingMode;
}

/** Risk events as table rows, in the order the run recorded them (newest first with `newestFirst`). */
export function riskEventRows(events: readonly RiskEvent[], newestFirst = false): RiskEventRow[] {
  const rows = events.map((event, index) => ({
    key: String(index),
    time: event.time,
    type: event.type,
    level: event.level,
    limit: event.limit,
    message: limitMessage(event.limit, event.message),
    symbol: event.symbol ?? null,
    orderId: event.orderId,
    mode: event.mode,
  }));
  return newestFirst ? rows.reverse() : rows;
}

/** How many events of each type; the tab title shows the total and the denials stand out. */
export function countRiskEvents(rows: readonly Pick<RiskEventRow, 'type'>[]): Record<RiskEvent['type'], number> {
  const counts = { warning: 0, denial: 0, breach: 0 };
  for (const row of rows) counts[row.type]++;
  return counts;
}
