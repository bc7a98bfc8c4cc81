import { NautilusError, type OhlcvFrame, TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import type { PluginHost } from '../plugins/plugin-host.ts';

/** Which bars a backtest or a warm-up trades on. */
export interface BarsRequest {
  /** `<pluginId>/<dataSourceId>` of a source taking `{ symbol, timeframe }` and returning ohlcv frames. */
  dataSource: string;
  symbol: string;
  timeframe: Timeframe;
  /** Bars opening in [from, to), epoch ms. */
  from: number;
  to: number;
}

/**
 * The closed bars of a range from a data source, through the plugin host (schema check, timeout,
 * errors stamped with the plugin id). A bar still forming is left out so the same request always
 * gives the same bars. VALIDATION when the range holds no bars or more than `maxBars`.
 */
export async function loadBars(
  plugins: PluginHost,
  request: BarsRequest,
  maxBars: number,
  now = Date.now(),
): Promise<OhlcvFrame> {
  const { dataSource, symbol, timeframe, from, to } = request;
  if (!(from < to)) throw NautilusError.validation('range', [{ path: 'range.from', message: 'must be before range.to' }]);
  const frames = await plugins.query(dataSource, { params: { symbol, timeframe }, range: { from, to }, maxPoints: maxBars + 1 });
  const frame = frames.find((item): item is OhlcvFrame => item.kind === 'ohlcv');
  if (!frame)
    throw new NautilusError('DATA_SOURCE_ERROR', `Data source ${dataSource} returned no OHLCV bars; pick a bar source.`);
  if (frame.time.length > maxBars) {
    throw NautilusError.validation('range', [
      { path: 'range', message: `holds more than ${maxBars} ${timeframe} bars; shorten it or use a larger timeframe` },
    ]);
  }
  const closed = closedBars(frame, now);
  if (closed.time.length === 0) {
    const span = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
    throw NautilusError.validation('range', [
      { path: 'range', message: `has no closed ${timeframe} bars of ${symbol} from ${span}; pick a range in the past` },
    ]);
  }
  return closed;
}

/** The frame without a last bar whose period has not ended by `now`. */
export function closedBars(frame: OhlcvFrame, now: number): OhlcvFrame {
  const length = frame.time.length;
  const last = frame.time[length - 1];
  if (last === undefined || last + TIMEFRAME_MS[frame.timeframe] <= now) return frame;
  return sliceBars(frame, 0, length - 1);
}

/** The bars whose open time is within [first, last]. */
export function trimBars(frame: OhlcvFrame, first: number, last: number): OhlcvFrame {
  const start = frame.time.findIndex((time) => time >= first);
  if (start === -1) return { ...frame, time: [], open: [], high: [], low: [], close: [], volume: [] };
  let end = frame.time.length;
  while (end > start && frame.time[end - 1]! > last) end--;
  if (start === 0 && end === frame.time.length) return frame;
  return sliceBars(frame, start, end);
}

/** Bars [start, end) of a frame, every column cut alike. */
function sliceBars(frame: OhlcvFrame, start: number, end: number): OhlcvFrame {
  const cut = (column: number[]) => column.slice(start, end);
  return {
    kind: 'ohlcv',
    symbol: frame.symbol,
    timeframe: frame.timeframe,
    time: cut(frame.time),
    open: cut(frame.open),
    high: cut(frame.high),
    low: cut(frame.low),
    close: cut(frame.close),
    volume: cut(frame.volume),
  };
}
