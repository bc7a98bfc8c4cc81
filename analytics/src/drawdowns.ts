/** One fall from a peak: until the level regained the peak, or still open at the last point. */
export interface DrawdownPeriod {
  /** Time of the peak the fall started from. */
  readonly peakTime: number;
  readonly troughTime: number;
  /** First time the level was back at or above the peak; null while still under water. */
  readonly recoveryTime: number | null;
  /** Deepest fall as a positive fraction of the peak (0.25 = 25 % below). */
  readonly depth: number;
  /** Periods from the peak to the trough. */
  readonly periodsToTrough: number;
  /** Periods from the peak to the recovery, or to the last point when not recovered. */
  readonly length: number;
  /** The same span in milliseconds. */
  readonly lengthMs: number;
}

/** The drawdown path and its periods. */
export interface Drawdowns {
  /** Per point: level / running peak − 1 (≤ 0). */
  readonly series: number[];
  /** Every period, deepest first (ties: earliest first). */
  readonly periods: DrawdownPeriod[];
}

/**
 * Drawdowns of a level series (equity with its starting value as the first point). A period starts
 * at a peak once a later level is below it and ends at the first level ≥ that peak.
 */
export function drawdowns(time: ArrayLike<number>, levels: ArrayLike<number>): Drawdowns {
  const count = levels.length;
  const series = new Array<number>(count).fill(0);
  const periods: DrawdownPeriod[] = [];
  let peak = levels[0] ?? 0;
  let peakIndex = 0;
  let troughIndex = -1;
  const close = (endIndex: number, recovered: boolean) => {
    periods.push({
      peakTime: time[peakIndex]!,
      troughTime: time[troughIndex]!,
      recoveryTime: recovered ? time[endIndex]! : null,
      depth: 1 - levels[troughIndex]! / peak,
      periodsToTrough: troughIndex - peakIndex,
      length: endIndex - peakIndex,
      lengthMs: time[endIndex]! - time[peakIndex]!,
    });
  };
  for (let index = 0; index < count; index++) {
    const level = levels[index]!;
    if (level >= peak) {
      if (troughIndex >= 0) close(index, true);
      troughIndex = -1;
      peak = level;
      peakIndex = index;
      continue;
    }
    series[index] = level / peak - 1;
    if (troughIndex < 0 || level < levels[troughIndex]!) troughIndex = index;
  }
  if (troughIndex >= 0) close(count - 1, false);
  periods.sort((a, b) => b.depth - a.depth || a.peakTime - b.peakTime);
  return { series, periods };
}
