import { type DataQuery, type Frame, NautilusError, type OhlcvFrame, type PluginContext, type Timeframe } from '@nautilus/sdk';
import { type AlphaVantageSettings, alphaVantageGet, malformed, numberField } from './av-request.ts';
import { isTimeZone, zonedToUtc } from './zoned-time.ts';

export interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
  adjusted?: boolean;
}

/** Alpha Vantage's intervals for the product's timeframes; 4h has none. */
const INTERVALS: Partial<Record<Timeframe, string>> = { '1m': '1min', '5m': '5min', '15m': '15min', '1h': '60min' };
const BAR_MS: Record<string, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };
/** What `outputsize=compact` returns: the latest 100 points. */
const COMPACT = 100;

/**
 * Bars of one symbol: daily (`TIME_SERIES_DAILY`, or `_ADJUSTED` with `adjusted`) or intraday
 * (`TIME_SERIES_INTRADAY`, `adjusted` as Alpha Vantage applies it). Times are the bars' open times in
 * the time zone the answer names (a daily bar opens at 00:00 of its date there), as UTC epoch ms.
 * Adjusted daily bars scale open, high and low by the adjusted close over the close.
 */
export async function queryBars(
  ctx: PluginContext,
  settings: AlphaVantageSettings,
  query: DataQuery<BarsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { symbol, timeframe, adjusted = false } = query.params;
  const daily = timeframe === '1d';
  const interval = INTERVALS[timeframe];
  if (!daily && !interval) {
    throw new NautilusError('VALIDATION', `Alpha Vantage has no ${timeframe} bars; use 1h or 1d.`, {
      fields: [{ path: 'params.timeframe', message: 'must be 1m, 5m, 15m, 1h or 1d for Alpha Vantage' }],
    });
  }
  const fn = daily ? (adjusted ? 'TIME_SERIES_DAILY_ADJUSTED' : 'TIME_SERIES_DAILY') : 'TIME_SERIES_INTRADAY';
  // The latest 100 points when they reach back far enough, everything otherwise (one call either way).
  const barsBack = (Date.now() - query.range.from) / (BAR_MS[timeframe] as number);
  const params: Record<string, string> = { symbol, outputsize: barsBack > COMPACT ? 'full' : 'compact' };
  if (interval) Object.assign(params, { interval, adjusted: String(adjusted) });
  const body = await alphaVantageGet(ctx, settings, fn, params, signal);
  return [parseBars(fn, body, symbol, timeframe, adjusted && daily, query.range, query.maxPoints)];
}

/** The bars of an Alpha Vantage time series answer, oldest first, inside `range`; the most recent `maxPoints`. */
export function parseBars(
  fn: string,
  body: Record<string, unknown>,
  symbol: string,
  timeframe: Timeframe,
  adjust: boolean,
  range: { from: number; to: number },
  maxPoints: number,
): OhlcvFrame {
  const meta = body['Meta Data'] as Record<string, unknown> | undefined;
  if (typeof meta !== 'object' || meta === null) throw malformed(fn, 'Meta Data', 'is missing');
  const zoneKey = Object.keys(meta).find((key) => /time zone/i.test(key));
  const timeZone = zoneKey ? meta[zoneKey] : undefined;
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    throw malformed(fn, `Meta Data.${zoneKey ?? 'Time Zone'}`, 'is not a time zone');
  }
  const seriesKey = Object.keys(body).find((key) => key.startsWith('Time Series'));
  const series = seriesKey ? body[seriesKey] : undefined;
  if (typeof series !== 'object' || series === null) throw malformed(fn, 'Time Series', 'is missing');
  const bars: [number, number, number, number, number, number][] = [];
  for (const [stamp, entry] of Object.entries(series as Record<string, Record<string, unknown>>)) {
    const at = `${seriesKey}["${stamp}"]`;
    const time = zonedToUtc(stamp, timeZone);
    if (!Number.isFinite(time)) throw malformed(fn, at, 'is not a date or date-time');
    const field = (name: string) => {
      const key = Object.keys(entry ?? {}).find((candidate) => candidate.replace(/^\d+\.\s*/, '') === name);
      return numberField(key ? entry[key] : undefined, fn, `${at}.${name}`);
    };
    let [open, high, low, close] = [field('open'), field('high'), field('low'), field('close')];
    if (adjust) {
      const factor = close === 0 ? 1 : field('adjusted close') / close;
      [open, high, low, close] = [open * factor, high * factor, low * factor, close * factor];
    }
    if (time >= range.from && time < range.to) bars.push([time, open, high, low, close, field('volume')]);
  }
  bars.sort((a, b) => a[0] - b[0]);
  const kept = bars.slice(Math.max(0, bars.length - maxPoints));
  return {
    kind: 'ohlcv',
    symbol,
    timeframe,
    time: kept.map((bar) => bar[0]),
    open: kept.map((bar) => bar[1]),
    high: kept.map((bar) => bar[2]),
    low: kept.map((bar) => bar[3]),
    close: kept.map((bar) => bar[4]),
    volume: kept.map((bar) => bar[5]),
  };
}
