import {
  interpolateVariables,
  type LiveChannel,
  type PanelQuery,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Timeframe,
  type TimeRange,
} from '@nautilus/sdk';
import type { VariableValues } from '../data/variable-values.ts';

/** What a data source says about itself that decides whether a panel on it can stream. */
export interface StreamingSource {
  streaming?: boolean | undefined;
  frames?: readonly string[] | undefined;
}

/** How a panel updates live on top of its history, or undefined when it polls. */
export type LivePlan =
  | { kind: 'bars'; bars: LiveChannel; forming: LiveChannel; symbol: string; timeframe: Timeframe; timeframeMs: number }
  | { kind: 'book'; book: LiveChannel; symbol: string };

/**
 * Whether a panel streams, and on which channels: its data source declares `streaming`, its query
 * names an instrument (and, for bars, a timeframe) once the variables are filled in, its widget draws
 * what the stream carries, and the dashboard's range ends now (a range in the past has nothing to add).
 * @example livePlan({ dataSource: 'nautilus.sim-market/bars', params: { symbol: '$coin', timeframe: '1m' } }, { coin: 'SIM:BTCUSD' }, …)
 */
export function livePlan(
  query: PanelQuery | undefined,
  values: VariableValues,
  range: TimeRange,
  source: StreamingSource | undefined,
  accepts: readonly string[],
): LivePlan | undefined {
  if (!query || source?.streaming !== true) return undefined;
  if (!(typeof range.to === 'string' && range.to.startsWith('now'))) return undefined;
  const params = interpolateVariables(query.params, values) as Record<string, unknown>;
  const symbol = params.symbol;
  if (typeof symbol !== 'string' || symbol === '' || symbol.includes('$')) return undefined;
  const frames = source.frames ?? [];
  const dataSource = query.dataSource;
  if (frames.includes('book') && accepts.includes('book')) {
    return { kind: 'book', book: { kind: 'book', dataSource, symbol }, symbol };
  }
  const timeframe = params.timeframe;
  if (!frames.includes('ohlcv') || !accepts.includes('ohlcv')) return undefined;
  if (!(TIMEFRAMES as readonly unknown[]).includes(timeframe)) return undefined;
  const tf = timeframe as Timeframe;
  return {
    kind: 'bars',
    bars: { kind: 'bars', dataSource, symbol, timeframe: tf },
    forming: { kind: 'forming', dataSource, symbol, timeframe: tf },
    symbol,
    timeframe: tf,
    timeframeMs: TIMEFRAME_MS[tf],
  };
}

/** How far the browser's clock may be off the server's when judging whether a bar had closed (ms). */
const CLOCK_MARGIN_MS = 2_000;

/**
 * Whether the live tail shows that a closed bar went missing between the history and the subscription
 * (it closed after the server computed the history and before the subscription started, so it is in
 * neither). Judged from the first closed bar that arrived after the history's newest one, so the
 * normal case costs no extra query: a closed bar of the history's newest time continues it; a later
 * first bar means the newest bar's close was missed when that bar was still forming at fetch time,
 * and a bar more than one timeframe later means whole bars were missed (or a session break passed,
 * which costs one needless refetch at the open).
 */
export function tailShowsMissedBars(
  lastHistoryBar: number | undefined,
  historyReceivedAt: number,
  timeframeMs: number,
  closedTimes: readonly number[],
): boolean {
  if (lastHistoryBar === undefined) return false;
  if (closedTimes.includes(lastHistoryBar)) return false;
  const first = closedTimes.find((time) => time > lastHistoryBar);
  if (first === undefined) return false;
  if (first > lastHistoryBar + timeframeMs) return true;
  return lastHistoryBar + timeframeMs > historyReceivedAt - CLOCK_MARGIN_MS;
}
