const DAY_MS = 86_400_000;

/** Equity at the last point of each UTC day, what a run keeps for its tear sheet. */
export interface DailyEquity {
  time: number[];
  equity: number[];
}

/**
 * The last point of each UTC day. A stored run's curve is downsampled to 2,000 points (extremes
 * kept), and returns between downsampled points are not the run's returns; daily closes are exact
 * for daily bars and give intraday runs the daily returns tear sheets are read in (pyfolio, quantstats),
 * a few thousand points however many bars the run had.
 */
export function dailyEquity(time: readonly number[], equity: readonly number[]): DailyEquity {
  const result: DailyEquity = { time: [], equity: [] };
  for (let index = 0; index < time.length; index++) {
    const day = Math.floor(time[index]! / DAY_MS);
    const next = time[index + 1];
    if (next !== undefined && Math.floor(next / DAY_MS) === day) continue;
    result.time.push(time[index]!);
    result.equity.push(equity[index]!);
  }
  return result;
}
