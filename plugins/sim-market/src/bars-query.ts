import type { DataQuery, Timeframe } from '@nautilus/sdk';
import { NautilusError, TIMEFRAMES } from '@nautilus/sdk';
import { findInstrument, instruments } from './instruments.ts';
import type { BarRequest } from './sim-market.ts';

/** Params of the `bars` data source, as its query schema describes them. */
export interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
}

const invalid = (path: string, message: string) => NautilusError.validation('sim-market bars query', [{ path, message }]);

/**
 * Turns a host query into a bar request. The host has already validated params against the
 * schema; this checks again so a direct caller gets the same clear error naming the field.
 */
export function toBarRequest(query: DataQuery<Partial<Record<keyof BarsParams, unknown>>>): BarRequest {
  const { symbol, timeframe } = query.params ?? {};
  const instrument = typeof symbol === 'string' ? findInstrument(symbol) : undefined;
  if (!instrument) {
    const known = instruments.map((item) => item.symbol).join(', ');
    throw invalid('symbol', `unknown instrument ${JSON.stringify(symbol)}; use one of ${known}`);
  }
  if (!(TIMEFRAMES as readonly unknown[]).includes(timeframe)) {
    throw invalid('timeframe', `unknown timeframe ${JSON.stringify(timeframe)}; use one of ${TIMEFRAMES.join(', ')}`);
  }
  const { from, to } = query.range ?? {};
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw invalid('range', 'from and to must be epoch milliseconds');
  if (from >= to) throw invalid('range.from', `must be before range.to (got ${from} >= ${to})`);
  const maxPoints = Math.floor(query.maxPoints);
  if (!(maxPoints >= 1)) throw invalid('maxPoints', `must be at least 1 (got ${query.maxPoints})`);
  return { instrument, timeframe: timeframe as Timeframe, from, to, maxPoints };
}
