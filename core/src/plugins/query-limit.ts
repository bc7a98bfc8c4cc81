import { type Frame, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '@nautilus/sdk';

/**
 * What a query answered with fewer points than its range holds says about it, in the response and on
 * the panel: never a silent cut.
 */
export interface QueryTruncation {
  /** Most points (bars, series points, rows) one frame may hold: `NAUTILUS_MAX_QUERY_POINTS` or less. */
  limit: number;
  /** Epoch ms of the oldest point kept: the answer covers [from, range.to), not the whole range. */
  from?: number;
  /** For bars: the smallest larger timeframe whose bars over the whole range fit the limit. */
  suggestedTimeframe?: Timeframe;
  /** In words, for the panel: what is shown and what to do. */
  message: string;
}

const grouped = new Intl.NumberFormat('en-US');

/**
 * The points of each frame beyond `limit`, cut from the oldest end (a table keeps its first rows
 * unless its first column is an ascending time, then its latest), with what was cut said in words.
 * Sources are asked for one point more than the limit, so a source that honours `maxPoints` is
 * known to have had more exactly when it returns `limit + 1`.
 */
export function limitFrames(
  frames: Frame[],
  limit: number,
  range: { from: number; to: number },
): { frames: Frame[]; truncation?: QueryTruncation } {
  let cut = false;
  let from: number | undefined;
  let timeframe: Timeframe | undefined;
  const kept = frames.map((frame): Frame => {
    switch (frame.kind) {
      case 'ohlcv': {
        if (frame.time.length <= limit) return frame;
        cut = true;
        const drop = frame.time.length - limit;
        timeframe ??= frame.timeframe;
        from = Math.min(from ?? Number.POSITIVE_INFINITY, frame.time[drop]!);
        const slice = (column: number[]) => column.slice(drop);
        return {
          ...frame,
          time: slice(frame.time),
          open: slice(frame.open),
          high: slice(frame.high),
          low: slice(frame.low),
          close: slice(frame.close),
          volume: slice(frame.volume),
        };
      }
      case 'timeseries': {
        if (frame.series.every((series) => series.time.length <= limit)) return frame;
        cut = true;
        return {
          ...frame,
          series: frame.series.map((series) => {
            if (series.time.length <= limit) return series;
            const drop = series.time.length - limit;
            from = Math.min(from ?? Number.POSITIVE_INFINITY, series.time[drop]!);
            return { ...series, time: series.time.slice(drop), values: series.values.slice(drop) };
          }),
        };
      }
      case 'table': {
        if (frame.rows.length <= limit) return frame;
        cut = true;
        return { ...frame, rows: latestFirst(frame) ? frame.rows.slice(frame.rows.length - limit) : frame.rows.slice(0, limit) };
      }
      default:
        return frame;
    }
  });
  if (!cut) return { frames };
  return { frames: kept, truncation: describeTruncation(limit, range, from, timeframe) };
}

/** A table whose first column is a time in ascending order keeps its latest rows when cut. */
function latestFirst(frame: Extract<Frame, { kind: 'table' }>): boolean {
  if (frame.columns[0]?.type !== 'time') return false;
  const first = frame.rows[0]?.[0];
  const last = frame.rows[frame.rows.length - 1]?.[0];
  return typeof first === 'number' && typeof last === 'number' && first <= last;
}

function describeTruncation(
  limit: number,
  range: { from: number; to: number },
  from: number | undefined,
  timeframe: Timeframe | undefined,
): QueryTruncation {
  const count = grouped.format(limit);
  const truncation: QueryTruncation = { limit, message: '' };
  if (from !== undefined) truncation.from = from;
  if (!timeframe) {
    truncation.message = `Showing the last ${count} points; pick a shorter range.`;
    return truncation;
  }
  const suggested = timeframeThatFits(range, timeframe, limit);
  if (suggested) truncation.suggestedTimeframe = suggested;
  truncation.message = suggested
    ? `Showing the last ${count} bars; pick a larger timeframe (${suggested} fits this range) or a shorter range.`
    : `Showing the last ${count} bars; pick a larger timeframe or a shorter range.`;
  return truncation;
}

/**
 * The smallest timeframe above `timeframe` whose bars over the whole range fit in `limit`, counting
 * every hour of the range (a market that closes overnight has fewer bars, so the answer fits for sure),
 * or undefined when even daily bars do not fit.
 * @example timeframeThatFits({ from: now - 5 * YEAR, to: now }, '1m', 200_000) // '15m'
 */
export function timeframeThatFits(
  range: { from: number; to: number },
  timeframe: Timeframe,
  limit: number,
): Timeframe | undefined {
  const span = range.to - range.from;
  const larger = TIMEFRAMES.slice(TIMEFRAMES.indexOf(timeframe) + 1);
  return larger.find((candidate) => Math.ceil(span / TIMEFRAME_MS[candidate]) <= limit);
}
