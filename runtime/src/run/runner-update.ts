import type { BatchOutput } from '../engine/index.ts';

/** What one runner call produced: equity per bar pushed, the records new since the last call, the account after it. */
export type RunnerUpdate = Omit<BatchOutput, 'failure'>;

/** One update for several consecutive ones (a push split into batches). */
export function mergeUpdates(updates: RunnerUpdate[]): RunnerUpdate {
  const last = updates[updates.length - 1]!;
  const equity = new Float64Array(updates.reduce((total, update) => total + update.equity.length, 0));
  let offset = 0;
  for (const update of updates) {
    equity.set(update.equity, offset);
    offset += update.equity.length;
  }
  return {
    equity,
    orders: updates.flatMap((update) => update.orders),
    fills: updates.flatMap((update) => update.fills),
    trades: updates.flatMap((update) => update.trades),
    logs: updates.flatMap((update) => update.logs),
    riskEvents: updates.flatMap((update) => update.riskEvents),
    tradingMode: last.tradingMode,
    account: last.account,
    counters: last.counters,
  };
}
