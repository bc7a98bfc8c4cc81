import type { AccountState, Bar, Fill, LogLine, RiskEvent, Trade } from '@nautilus/sdk';

/** A deployment's paper account at one moment, marked to the latest price (a tick or a bar's close). */
export interface AccountSnapshot {
  /** Open time of the last bar the strategy saw, epoch ms. */
  barTime: number;
  /** Bars the strategy has seen, warm-up included. */
  bars: number;
  /** The price the position is marked at; null before the first bar. */
  lastPrice: number | null;
  /** When the mark was taken (wall clock, epoch ms). */
  markedAt: number;
  initialCash: number;
  cash: number;
  position: { quantity: number; avgPrice: number };
  equity: number;
  realisedPnl: number;
  unrealisedPnl: number;
  fees: number;
  /** equity − initialCash. */
  pnl: number;
  /**
   * Equity when live bars began: the initial cash, since warm-up bars place no orders (kept for
   * snapshots stored before, where warm-up trades moved it); pnl since then is equity − liveEquity.
   */
  liveEquity: number | null;
  /** Bars opening before this time (epoch ms) were the warm-up: the strategy saw them, no order was placed. */
  liveFrom?: number;
  /** How many warm-up bars the strategy saw (they count in `bars`). */
  warmUpBars?: number;
  openOrders: number;
}

/** Recent activity kept with a deployment (bounded), so a reloaded page can show it. */
export interface DeploymentActivity {
  fills: Fill[];
  trades: Trade[];
  logs: LogLine[];
  /** Limit warnings, denials and breaches (the run's pre-trade checks), newest last. */
  riskEvents: RiskEvent[];
  /** Equity at each of the last bars, column-wise. */
  equity: { time: number[]; equity: number[] };
  /** Counts since the deployment started, including what no longer fits above. */
  totals: { fills: number; trades: number; logs: number; riskEvents: number };
}

export const ACTIVITY_LIMITS = { fills: 100, trades: 100, logs: 200, riskEvents: 200, equity: 2_000 } as const;

export function emptyActivity(): DeploymentActivity {
  return {
    fills: [],
    trades: [],
    logs: [],
    riskEvents: [],
    equity: { time: [], equity: [] },
    totals: { fills: 0, trades: 0, logs: 0, riskEvents: 0 },
  };
}

/** The snapshot of an account, marked at `price` (defaults to the price the engine last saw). */
export function snapshotOf(
  account: AccountState,
  context: {
    initialCash: number;
    liveEquity: number | null;
    lastPrice: number | null;
    liveFrom?: number;
    warmUpBars?: number;
  },
): AccountSnapshot {
  const price = context.lastPrice;
  const { quantity, avgPrice } = account.position;
  const marked = price !== null && quantity !== 0;
  const equity = marked ? account.cash + quantity * price : account.equity;
  return {
    barTime: account.time,
    bars: account.barIndex + 1,
    lastPrice: price,
    markedAt: Date.now(),
    initialCash: context.initialCash,
    cash: account.cash,
    position: { quantity, avgPrice },
    equity,
    realisedPnl: account.realisedPnl,
    unrealisedPnl: marked ? quantity * (price - avgPrice) : account.unrealisedPnl,
    fees: account.fees,
    pnl: equity - context.initialCash,
    liveEquity: context.liveEquity,
    ...(context.liveFrom !== undefined ? { liveFrom: context.liveFrom } : {}),
    ...(context.warmUpBars !== undefined ? { warmUpBars: context.warmUpBars } : {}),
    openOrders: account.openOrders.length,
  };
}

/** Adds records to the bounded activity, newest last. */
export function recordActivity(
  activity: DeploymentActivity,
  update: { fills: Fill[]; trades: Trade[]; logs: LogLine[]; riskEvents?: RiskEvent[]; bars?: Bar[]; equity?: ArrayLike<number> },
): void {
  const append = <T>(list: T[], items: T[], limit: number) => {
    list.push(...items.slice(-limit));
    if (list.length > limit) list.splice(0, list.length - limit);
  };
  append(activity.fills, update.fills, ACTIVITY_LIMITS.fills);
  append(activity.trades, update.trades, ACTIVITY_LIMITS.trades);
  append(activity.logs, update.logs, ACTIVITY_LIMITS.logs);
  activity.totals.fills += update.fills.length;
  activity.totals.trades += update.trades.length;
  activity.totals.logs += update.logs.length;
  // Activity stored before limits existed has no risk events yet.
  activity.riskEvents ??= [];
  activity.totals.riskEvents ??= 0;
  append(activity.riskEvents, update.riskEvents ?? [], ACTIVITY_LIMITS.riskEvents);
  activity.totals.riskEvents += update.riskEvents?.length ?? 0;
  if (update.bars && update.equity) {
    const times = update.bars.map((bar) => bar.time);
    append(activity.equity.time, times, ACTIVITY_LIMITS.equity);
    append(activity.equity.equity, Array.from(update.equity), ACTIVITY_LIMITS.equity);
  }
}
