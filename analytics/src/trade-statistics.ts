import type { Trade } from '@nautilus/sdk';

/** Figures of closed round trips; null where undefined (no trades, no winners or no losers). */
export interface TradeStatistics {
  readonly trades: number;
  /** Share of trades with pnl > 0. */
  readonly hitRate: number | null;
  /** Σ winning pnl / |Σ losing pnl|. */
  readonly profitFactor: number | null;
  /** Average win / |average loss|. */
  readonly payoff: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
  /** Traded notional (entry and exit, price × quantity) summed. */
  readonly tradedNotional: number;
}

/** Trade statistics; a trade with pnl exactly 0 counts as neither a win nor a loss but in the hit-rate denominator. */
export function tradeStatistics(trades: readonly Trade[]): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let tradedNotional = 0;
  for (const trade of trades) {
    if (trade.pnl > 0) {
      wins++;
      winSum += trade.pnl;
    } else if (trade.pnl < 0) {
      losses++;
      lossSum += trade.pnl;
    }
    tradedNotional += (trade.entryPrice + trade.exitPrice) * trade.quantity;
  }
  const averageWin = wins > 0 ? winSum / wins : null;
  const averageLoss = losses > 0 ? lossSum / losses : null;
  return {
    trades: trades.length,
    hitRate: trades.length > 0 ? wins / trades.length : null,
    profitFactor: losses > 0 ? winSum / -lossSum : null,
    payoff: averageWin !== null && averageLoss !== null ? averageWin / -averageLoss : null,
    averageWin,
    averageLoss,
    tradedNotional,
  };
}

/**
 * Share of points at which a trade was open: entryTime ≤ t < exitTime (a bar that closed holding a
 * position counts, the exit bar does not). Trades are taken in any order; O(points + trades·log).
 */
export function exposureFromTrades(time: ArrayLike<number>, trades: readonly Trade[]): number | null {
  if (time.length === 0) return null;
  const spans = trades.map((trade) => [trade.entryTime, trade.exitTime] as const).sort((a, b) => a[0] - b[0]);
  let exposed = 0;
  let next = 0;
  let openUntil = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < time.length; index++) {
    const at = time[index]!;
    while (next < spans.length && spans[next]![0] <= at) openUntil = Math.max(openUntil, spans[next++]![1]);
    if (at < openUntil) exposed++;
  }
  return exposed / time.length;
}
