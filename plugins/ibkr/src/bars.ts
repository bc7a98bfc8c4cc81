import {
  type DataQuery,
  type Frame,
  NautilusError,
  type OhlcvFrame,
  type PluginContext,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
} from '@nautilus/sdk';
import { conidOf, type SecType } from './contracts.ts';
import { type IbkrSettings, ibkrRequest, malformed, numberField, recordField } from './ibkr-request.ts';

const HISTORY = 'iserver/marketdata/history';

export interface BarsParams {
  symbol?: string;
  conid?: number;
  secType?: SecType;
  timeframe: Timeframe;
  exchange?: string;
  outsideRth?: boolean;
}

/** IBKR's bar sizes for the product's timeframes. */
const BAR: Record<Timeframe, string> = { '1m': '1min', '5m': '5min', '15m': '15min', '1h': '1h', '4h': '4h', '1d': '1d' };
/** IBKR returns at most 1000 bars per request. */
export const MAX_BARS_PER_REQUEST = 1000;
/** At most this many requests per query (20,000 bars): beyond, the most recent bars are returned. */
export const MAX_REQUESTS = 20;

/** IBKR's period units, their length (a month 30 days, a year 365) and the largest count each takes. */
const PERIOD_UNITS: [unit: string, ms: number, max: number][] = [
  ['min', 60_000, 30],
  ['h', 3_600_000, 8],
  ['d', 86_400_000, 1000],
  ['w', 7 * 86_400_000, 792],
  ['m', 30 * 86_400_000, 182],
  ['y', 365 * 86_400_000, 15],
];

/** The shortest IBKR period (`30min`, `8h`, `42d`, `3w`, `6m`, `2y`) that covers `ms`; 15y at most. */
export function periodFor(ms: number): string {
  for (const [unit, unitMs, max] of PERIOD_UNITS) {
    const count = Math.max(1, Math.ceil(ms / unitMs));
    if (count <= max) return `${count}${unit}`;
  }
  return '15y';
}

/** Epoch ms as IBKR's `startTime`: YYYYMMDD-hh:mm:ss in UTC. */
export function ibkrTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}`;
}

type Bar = [time: number, open: number, high: number, low: number, close: number, volume: number];

/**
 * Bars of one contract (`params.conid`, or `params.symbol` resolved through secdef search) from
 * `iserver/marketdata/history`. The period asked for is the shortest that reaches from the range's
 * start to its end (now, or `startTime` when the range ends in the past), at most 1000 bars' worth;
 * when that was not enough, the next request (one at a time, never in parallel) ends at the earliest
 * bar received, until the range's start, `maxPoints` bars, an answer with nothing new, or
 * {@link MAX_REQUESTS}. Bars are joined by time, each time once, and those in `[from, to)` returned,
 * the most recent `maxPoints`.
 */
export async function queryBars(
  ctx: PluginContext,
  settings: IbkrSettings,
  query: DataQuery<BarsParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { timeframe, outsideRth = false, exchange } = query.params;
  if (!TIMEFRAMES.includes(timeframe)) {
    throw new NautilusError(
      'VALIDATION',
      `IBKR: params.timeframe must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(timeframe)}`,
      {
        fields: [{ path: 'params.timeframe', message: `must be one of ${TIMEFRAMES.join(', ')}` }],
      },
    );
  }
  const conid = await conidOf(ctx, settings, query.params, signal);
  const { from, to } = query.range;
  const barMs = TIMEFRAME_MS[timeframe];
  const bars = new Map<number, Bar>();
  let symbol = query.params.symbol;
  const now = Date.now();
  let end = Math.min(to, now);
  // A range that ends in the past asks for bars up to its end; one that ends now, for the latest.
  let startTime = to < now - barMs ? ibkrTime(to) : undefined;
  for (let request = 0; request < MAX_REQUESTS && from < end; request++) {
    const wanted = end - from;
    const span = Math.min(wanted, MAX_BARS_PER_REQUEST * barMs);
    const body = recordField(
      await ibkrRequest(
        ctx,
        settings,
        HISTORY,
        {
          params: {
            conid,
            period: periodFor(Math.max(span, barMs)),
            bar: BAR[timeframe],
            outsideRth: String(outsideRth),
            exchange,
            startTime,
          },
        },
        signal,
      ),
      HISTORY,
      '(body)',
    );
    if (symbol === undefined && typeof body.symbol === 'string') symbol = body.symbol;
    let earliest = Number.POSITIVE_INFINITY;
    let added = 0;
    for (const bar of parseHistory(body)) {
      earliest = Math.min(earliest, bar[0]);
      if (!bars.has(bar[0])) {
        bars.set(bar[0], bar);
        added++;
      }
    }
    const inRange = [...bars.keys()].filter((time) => time >= from && time < to).length;
    // Done: the period reached the range's start, the answer went back that far, enough bars, or nothing new.
    if (span === wanted || added === 0 || earliest <= from || inRange >= query.maxPoints) break;
    end = earliest;
    startTime = ibkrTime(earliest);
  }
  const kept = [...bars.values()].filter((bar) => bar[0] >= from && bar[0] < to).sort((a, b) => a[0] - b[0]);
  const recent = kept.slice(Math.max(0, kept.length - query.maxPoints));
  const frame: OhlcvFrame = {
    kind: 'ohlcv',
    symbol: symbol ?? conid,
    timeframe,
    time: recent.map((bar) => bar[0]),
    open: recent.map((bar) => bar[1]),
    high: recent.map((bar) => bar[2]),
    low: recent.map((bar) => bar[3]),
    close: recent.map((bar) => bar[4]),
    volume: recent.map((bar) => bar[5]),
  };
  return [frame];
}

/**
 * The bars of a history answer, each `{o, c, h, l, v, t}` checked. Only `data` is read: the answer's
 * `points` (off by one in real answers) and its `high`/`low` summaries (strings such as
 * "37719/40807/25920": price × priceFactor / volume / minutes) are not used. Volume is as IBKR sends
 * it (for US stocks in lots of 100).
 */
export function parseHistory(body: Record<string, unknown>): Bar[] {
  const data = body.data;
  if (!Array.isArray(data)) throw malformed(HISTORY, 'data', 'is not a list');
  return data.map((entry, index) => {
    const at = `data[${index}]`;
    const bar = recordField(entry, HISTORY, at);
    const time = numberField(bar.t, HISTORY, `${at}.t`);
    if (!Number.isSafeInteger(time) || time <= 0) throw malformed(HISTORY, `${at}.t`, 'is not epoch milliseconds');
    const field = (name: string) => numberField(bar[name], HISTORY, `${at}.${name}`);
    return [time, field('o'), field('h'), field('l'), field('c'), field('v')];
  });
}
