import type { LevelSeries } from './equity-series.ts';

const DAY_MS = 86_400_000;

/** Two level series on their common dates, and what alignment dropped. */
export interface AlignedLevels {
  readonly time: number[];
  readonly strategy: number[];
  readonly benchmark: number[];
  /** 'time': exact timestamps matched; 'utcDay': the last point of each UTC day matched (daily or slower data). */
  readonly matchedOn: 'time' | 'utcDay';
  /** Points of the strategy with no benchmark point on the same key, dropped. */
  readonly strategyOnly: number;
  /** Points of the benchmark with no strategy point on the same key, dropped. */
  readonly benchmarkOnly: number;
}

/**
 * Aligns a benchmark on the strategy's dates by inner join: a date missing from either side is
 * dropped from both, so each return is taken between the same two dates on both sides (a missing
 * benchmark day merges two strategy days into one two-day return — no forward-filled zero return
 * biases beta). Daily or slower series (median spacing ≥ 20 h) match on the UTC day, so a benchmark
 * stamped at midnight meets a strategy stamped at the close; faster ones on the exact time.
 */
export function alignBenchmark(strategy: LevelSeries, benchmark: LevelSeries, dailyOrSlower: boolean): AlignedLevels {
  const matchedOn = dailyOrSlower ? 'utcDay' : 'time';
  const key = dailyOrSlower ? (at: number) => Math.floor(at / DAY_MS) : (at: number) => at;
  const strategyKeys = lastPerKey(strategy, key);
  const benchmarkKeys = lastPerKey(benchmark, key);
  const aligned: AlignedLevels = { time: [], strategy: [], benchmark: [], matchedOn, strategyOnly: 0, benchmarkOnly: 0 };
  let left = 0;
  let right = 0;
  let strategyOnly = 0;
  let benchmarkOnly = 0;
  while (left < strategyKeys.length && right < benchmarkKeys.length) {
    const a = strategyKeys.keys[left]!;
    const b = benchmarkKeys.keys[right]!;
    if (a < b) {
      strategyOnly++;
      left++;
    } else if (a > b) {
      benchmarkOnly++;
      right++;
    } else {
      const strategyIndex = strategyKeys.indices[left]!;
      aligned.time.push(strategy.time[strategyIndex]!);
      aligned.strategy.push(strategy.value[strategyIndex]!);
      aligned.benchmark.push(benchmark.value[benchmarkKeys.indices[right]!]!);
      left++;
      right++;
    }
  }
  strategyOnly += strategyKeys.length - left;
  benchmarkOnly += benchmarkKeys.length - right;
  return { ...aligned, strategyOnly, benchmarkOnly };
}

/** Index of the last point of each key, keys increasing (times are checked increasing upstream). */
function lastPerKey(
  series: LevelSeries,
  key: (at: number) => number,
): { keys: Float64Array; indices: Uint32Array; length: number } {
  const keys = new Float64Array(series.time.length);
  const indices = new Uint32Array(series.time.length);
  let length = 0;
  for (let index = 0; index < series.time.length; index++) {
    const value = key(series.time[index]!);
    if (length > 0 && keys[length - 1] === value) indices[length - 1] = index;
    else {
      keys[length] = value;
      indices[length++] = index;
    }
  }
  return { keys, indices, length };
}
