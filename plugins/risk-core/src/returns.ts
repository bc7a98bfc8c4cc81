import type { AlignedPrices } from './align-prices.ts';

/** Simple returns of consecutive closes: `close[t] / close[t-1] - 1`, one fewer than the closes. */
export function simpleReturns(close: readonly number[]): number[] {
  const returns: number[] = new Array(Math.max(0, close.length - 1));
  for (let t = 1; t < close.length; t++) returns[t - 1] = close[t]! / close[t - 1]! - 1;
  return returns;
}

/** Daily simple returns of aligned prices, one row per date (from the second date on), one column per symbol. */
export interface ReturnHistory {
  /** Epoch ms of the close that ends each return. */
  time: number[];
  /** `rows[t][s]`: the return of symbol s ending on `time[t]`. */
  rows: number[][];
}

/** Turns aligned closes into a date × symbol table of simple returns. */
export function returnHistory(aligned: AlignedPrices): ReturnHistory {
  const columns = aligned.close.map(simpleReturns);
  const rows = aligned.time.slice(1).map((_, t) => columns.map((column) => column[t]!));
  return { time: aligned.time.slice(1), rows };
}

/**
 * Overlapping h-day simple returns compounded from one-day rows: row t of the result is the return
 * over rows[t .. t+h-1], so there are `rows.length - h + 1` of them.
 */
export function compoundReturns(rows: readonly (readonly number[])[], horizonDays: number): number[][] {
  if (horizonDays === 1) return rows.map((row) => [...row]);
  const result: number[][] = [];
  for (let end = horizonDays - 1; end < rows.length; end++) {
    const growth = rows[end]!.map(() => 1);
    for (let t = end - horizonDays + 1; t <= end; t++) {
      const row = rows[t]!;
      for (let s = 0; s < growth.length; s++) growth[s]! *= 1 + row[s]!;
    }
    result.push(growth.map((g) => g - 1));
  }
  return result;
}
