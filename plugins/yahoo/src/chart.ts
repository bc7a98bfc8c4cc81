import {
  type DataQuery,
  type Frame,
  NautilusError,
  type OhlcvFrame,
  type PluginContext,
  type TableFrame,
  TIMEFRAME_MS,
  type Timeframe,
} from '@nautilus/sdk';
import { type ExchangeClock, exchangeDate, isTimeZone } from './exchange-date.ts';
import { isRecord, malformed, numberAt, recordAt, type YahooSettings, yahooGet } from './yahoo-request.ts';

const ENDPOINT = 'v8/finance/chart';
const DAY_MS = 86_400_000;
const FOUR_HOURS_MS = TIMEFRAME_MS['4h'];
/** Yahoo's earliest data (indices from the 1920s); period1 is clamped to 1900-01-01. */
const EARLIEST_MS = Date.UTC(1900, 0, 1);
/** 1m bars come at most 7 days per request. */
const ONE_MINUTE_WINDOW_MS = 7 * DAY_MS;

/** Yahoo's interval for each timeframe; 4h is built from 60m bars. */
const INTERVALS: Record<Timeframe, string> = { '1m': '1m', '5m': '5m', '15m': '15m', '1h': '60m', '4h': '60m', '1d': '1d' };
/** How far back Yahoo keeps intraday bars: 1m about 30 days, 5m and 15m 60 days, 60m 730 days. */
const KEPT_DAYS: Partial<Record<Timeframe, number>> = { '1m': 30, '5m': 60, '15m': 60, '1h': 730, '4h': 730 };
/** Asked a little inside Yahoo's limit, so clock differences do not tip a request over it. */
const KEPT_MARGIN_MS = 60_000;

export interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
  adjusted?: boolean;
}

/** One chart answer, checked: the bars' raw fields (null where Yahoo has none) and the exchange's clock. */
interface Chart {
  clock: ExchangeClock;
  timestamps: number[];
  open: (number | null)[];
  high: (number | null)[];
  low: (number | null)[];
  close: (number | null)[];
  volume: (number | null)[];
  adjclose: (number | null)[] | undefined;
  events: Record<string, unknown>;
}

interface Bar {
  time: number;
  /** Yahoo's own stamp (ms), to keep the latest of two bars that share a date. */
  stamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Bars of one symbol from `v8/finance/chart`. Intraday bars keep Yahoo's open times; daily ones are
 * moved to 00:00 UTC of their exchange-local date. A bar with a null price is dropped; 4h bars are
 * built from 60m ones on UTC 4-hour boundaries; 1m ranges are fetched 7 days per request, newest
 * first, until `maxPoints` bars are in; intraday ranges are clipped to what Yahoo keeps.
 */
export async function queryBars(
  ctx: PluginContext,
  settings: YahooSettings,
  query: DataQuery<BarsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { symbol, timeframe, adjusted = false } = query.params;
  const interval = INTERVALS[timeframe];
  if (interval === undefined) {
    throw new NautilusError('VALIDATION', `Yahoo Finance has no ${String(timeframe)} bars; use 1m, 5m, 15m, 1h, 4h or 1d.`, {
      fields: [{ path: 'params.timeframe', message: 'must be one of 1m, 5m, 15m, 1h, 4h, 1d' }],
    });
  }
  const daily = timeframe === '1d';
  if (adjusted && !daily) {
    throw new NautilusError('VALIDATION', 'Yahoo Finance has adjusted prices for 1d bars only; turn adjusted off or use 1d.', {
      fields: [{ path: 'params.adjusted', message: 'only with timeframe 1d' }],
    });
  }
  const now = Date.now();
  const { from, to } = query.range;
  let start: number;
  let end: number;
  if (daily) {
    // Yahoo stamps a day with its session's open, which may fall on the UTC day before (Auckland, 22:00 UTC).
    start = Math.max(from - DAY_MS, EARLIEST_MS);
    end = Math.min(to, now) + DAY_MS;
  } else {
    const keptFrom = now - (KEPT_DAYS[timeframe] as number) * DAY_MS + KEPT_MARGIN_MS;
    start = Math.max(from, keptFrom);
    // Whole 4-hour buckets only: from the first UTC boundary at or after the start.
    if (timeframe === '4h') start = Math.ceil(start / FOUR_HOURS_MS) * FOUR_HOURS_MS;
    end = Math.min(to, now);
    if (start >= to) {
      throw new NautilusError(
        'VALIDATION',
        `Yahoo Finance keeps ${timeframe} bars for the last ${KEPT_DAYS[timeframe]} days only; ` +
          `the range ${new Date(from).toISOString()} to ${new Date(to).toISOString()} ends before that. Use a later range or a longer timeframe.`,
        { fields: [{ path: 'range', message: `must reach into the last ${KEPT_DAYS[timeframe]} days for ${timeframe} bars` }] },
      );
    }
  }
  const frame: OhlcvFrame = { kind: 'ohlcv', symbol, timeframe, time: [], open: [], high: [], low: [], close: [], volume: [] };
  if (start >= end) return [frame];

  // 1m: 7-day windows, newest first, one after another; everything else in one request.
  const windowMs = timeframe === '1m' ? ONE_MINUTE_WINDOW_MS : Number.POSITIVE_INFINITY;
  const bars: Bar[] = [];
  for (let windowEnd = end; windowEnd > start; windowEnd -= windowMs) {
    const windowStart = Math.max(start, windowEnd - windowMs);
    const chart = await fetchChart(ctx, settings, symbol, interval, windowStart, windowEnd, signal);
    bars.push(...chartBars(chart, daily, adjusted));
    if (countInRange(bars, from, to) >= query.maxPoints) break;
  }

  let rows = latestPerTime(bars);
  if (timeframe === '4h') rows = aggregate(rows, FOUR_HOURS_MS);
  rows = rows.filter((bar) => bar.time >= (daily ? from : start) && bar.time < to);
  const kept = rows.slice(Math.max(0, rows.length - query.maxPoints));
  for (const bar of kept) {
    frame.time.push(bar.time);
    frame.open.push(bar.open);
    frame.high.push(bar.high);
    frame.low.push(bar.low);
    frame.close.push(bar.close);
    frame.volume.push(bar.volume);
  }
  return [frame];
}

function countInRange(bars: Bar[], from: number, to: number): number {
  return new Set(bars.filter((bar) => bar.time >= from && bar.time < to).map((bar) => bar.time)).size;
}

/** GETs one chart window: [start, end) in ms, sent as whole seconds. */
function fetchChart(
  ctx: PluginContext,
  settings: YahooSettings,
  symbol: string,
  interval: string,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<Chart> {
  return yahooGet(
    ctx,
    settings,
    {
      endpoint: ENDPOINT,
      path: `v8/finance/chart/${encodeURIComponent(symbol)}`,
      params: {
        interval,
        period1: String(Math.floor(start / 1000)),
        period2: String(Math.ceil(end / 1000)),
        includePrePost: 'false',
        events: 'div|split',
      },
    },
    signal,
  ).then(parseChart);
}

/** Checks a chart answer field by field: `chart.result[0]` with its meta, timestamps, quote arrays and events. */
export function parseChart(body: Record<string, unknown>): Chart {
  const chart = recordAt(body.chart, ENDPOINT, 'chart');
  const results = chart.result;
  if (!Array.isArray(results) || results.length === 0) throw malformed(ENDPOINT, 'chart.result', 'is not a list with a chart');
  const result = recordAt(results[0], ENDPOINT, 'chart.result[0]');
  const meta = recordAt(result.meta, ENDPOINT, 'chart.result[0].meta');
  let clock: ExchangeClock;
  if (typeof meta.exchangeTimezoneName === 'string' && isTimeZone(meta.exchangeTimezoneName)) {
    clock = { timeZone: meta.exchangeTimezoneName };
  } else if (typeof meta.gmtoffset === 'number' && Number.isFinite(meta.gmtoffset)) {
    clock = { gmtOffsetSeconds: meta.gmtoffset };
  } else {
    throw malformed(
      ENDPOINT,
      'chart.result[0].meta.exchangeTimezoneName',
      'is not a time zone (and meta.gmtoffset is no number)',
    );
  }
  const events =
    result.events === undefined || result.events === null ? {} : recordAt(result.events, ENDPOINT, 'chart.result[0].events');
  // A range without trading (a weekend) has no `timestamp` and an empty quote.
  if (result.timestamp === undefined || result.timestamp === null) {
    return { clock, timestamps: [], open: [], high: [], low: [], close: [], volume: [], adjclose: undefined, events };
  }
  if (!Array.isArray(result.timestamp)) throw malformed(ENDPOINT, 'chart.result[0].timestamp', 'is not a list');
  const timestamps = result.timestamp.map((value, index) => numberAt(value, ENDPOINT, `chart.result[0].timestamp[${index}]`));
  const indicators = recordAt(result.indicators, ENDPOINT, 'chart.result[0].indicators');
  const quotes = indicators.quote;
  if (!Array.isArray(quotes)) throw malformed(ENDPOINT, 'chart.result[0].indicators.quote', 'is not a list');
  const quote = recordAt(quotes[0], ENDPOINT, 'chart.result[0].indicators.quote[0]');
  /** A column of numbers or nulls, as long as `timestamp`; `path` names it in errors. */
  const column = (source: Record<string, unknown>, path: string, field: string): (number | null)[] => {
    const values = source[field];
    if (!Array.isArray(values) || values.length !== timestamps.length) {
      throw malformed(ENDPOINT, `${path}.${field}`, `is not a list as long as timestamp (${timestamps.length})`);
    }
    return values.map((value, index) => (value === null ? null : numberAt(value, ENDPOINT, `${path}.${field}[${index}]`)));
  };
  const q = (field: string) => column(quote, 'chart.result[0].indicators.quote[0]', field);
  const adjusted = indicators.adjclose;
  const adjclose =
    Array.isArray(adjusted) && isRecord(adjusted[0])
      ? column(adjusted[0], 'chart.result[0].indicators.adjclose[0]', 'adjclose')
      : undefined;
  return {
    clock,
    timestamps,
    open: q('open'),
    high: q('high'),
    low: q('low'),
    close: q('close'),
    volume: q('volume'),
    adjclose,
    events,
  };
}

/**
 * The chart's bars, dropping each one with a null price (Yahoo's gaps: a halt, a minute without a
 * trade). A null volume counts as 0. Daily bars move to 00:00 UTC of their exchange-local date and,
 * when `adjusted`, scale open, high, low and close by adjclose / close.
 */
function chartBars(chart: Chart, daily: boolean, adjusted: boolean): Bar[] {
  if (adjusted && chart.timestamps.length > 0 && chart.adjclose === undefined) {
    throw malformed(ENDPOINT, 'chart.result[0].indicators.adjclose[0].adjclose', 'is missing (asked for adjusted bars)');
  }
  const bars: Bar[] = [];
  chart.timestamps.forEach((seconds, index) => {
    let [open, high, low, close] = [chart.open[index], chart.high[index], chart.low[index], chart.close[index]];
    if (open == null || high == null || low == null || close == null) return;
    if (adjusted) {
      const adjclose = chart.adjclose?.[index];
      if (adjclose == null) return;
      const factor = close === 0 ? 1 : adjclose / close;
      [open, high, low, close] = [open * factor, high * factor, low * factor, adjclose];
    }
    const stamp = seconds * 1000;
    const time = daily ? exchangeDate(stamp, chart.clock) : stamp;
    bars.push({ time, stamp, open, high, low, close, volume: chart.volume[index] ?? 0 });
  });
  return bars;
}

/** Sorted by time, one bar per time: of two (Yahoo repeats the current day, windows overlap), the later-stamped. */
function latestPerTime(bars: Bar[]): Bar[] {
  const sorted = [...bars].sort((a, b) => a.time - b.time || a.stamp - b.stamp);
  return sorted.filter((bar, index) => index === sorted.length - 1 || sorted[index + 1]!.time !== bar.time);
}

/** Bars merged into buckets of `size` ms on UTC boundaries: first open, highest high, lowest low, last close, summed volume. */
function aggregate(bars: Bar[], size: number): Bar[] {
  const buckets: Bar[] = [];
  for (const bar of bars) {
    const time = Math.floor(bar.time / size) * size;
    const last = buckets.at(-1);
    if (last && last.time === time) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
      last.stamp = bar.stamp;
    } else {
      buckets.push({ ...bar, time });
    }
  }
  return buckets;
}

const EVENT_COLUMNS: TableFrame['columns'] = [
  { name: 'time', type: 'time' },
  { name: 'type', type: 'string' },
  { name: 'amount', type: 'number' },
  { name: 'ratio', type: 'string' },
  { name: 'factor', type: 'number' },
];

/**
 * Dividends and splits of one symbol in the range, from the daily chart's `events=div|split`: one
 * row each, oldest first, dated 00:00 UTC of the exchange-local ex-date like daily bars.
 */
export async function queryEvents(
  ctx: PluginContext,
  settings: YahooSettings,
  query: DataQuery<{ symbol: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { from, to } = query.range;
  const start = Math.max(from - DAY_MS, EARLIEST_MS);
  const end = Math.min(to, Date.now()) + DAY_MS;
  if (start >= end) return [{ kind: 'table', columns: EVENT_COLUMNS, rows: [] }];
  const chart = await fetchChart(ctx, settings, query.params.symbol, '1d', start, end, signal);
  const rows: [number, string, number | null, string | null, number | null][] = [];
  const dated = (entry: Record<string, unknown>, field: string) =>
    exchangeDate(numberAt(entry.date, ENDPOINT, `${field}.date`) * 1000, chart.clock);
  for (const kind of ['dividends', 'splits'] as const) {
    const listed = chart.events[kind];
    if (listed === undefined || listed === null) continue;
    for (const [key, value] of Object.entries(recordAt(listed, ENDPOINT, `chart.result[0].events.${kind}`))) {
      const field = `chart.result[0].events.${kind}["${key}"]`;
      const entry = recordAt(value, ENDPOINT, field);
      if (kind === 'dividends') {
        rows.push([dated(entry, field), 'dividend', numberAt(entry.amount, ENDPOINT, `${field}.amount`), null, null]);
      } else {
        const numerator = numberAt(entry.numerator, ENDPOINT, `${field}.numerator`);
        const denominator = numberAt(entry.denominator, ENDPOINT, `${field}.denominator`);
        if (denominator === 0) throw malformed(ENDPOINT, `${field}.denominator`, 'is 0');
        rows.push([dated(entry, field), 'split', null, `${numerator}:${denominator}`, numerator / denominator]);
      }
    }
  }
  const inRange = rows.filter((row) => row[0] >= from && row[0] < to).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return [{ kind: 'table', columns: EVENT_COLUMNS, rows: inRange.slice(Math.max(0, inRange.length - query.maxPoints)) }];
}
