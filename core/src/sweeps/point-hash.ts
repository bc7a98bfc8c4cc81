import { createHash } from 'node:crypto';
import type { ParamPoint } from './sweep-grid.ts';

/** What one sweep point backtests; its hash identifies the job and its stored result. */
export interface PointKey {
  strategyId: string;
  version: number;
  params: ParamPoint;
  dataSource: string;
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  /** The resolved backtest config (cash, costs, account): a different config is a different result. */
  config: unknown;
}

/**
 * sha256 of the point's canonical JSON (object keys sorted at every level): the same strategy version,
 * params, config and data give the same hash in any sweep, so a result is computed once and reused.
 */
export function pointHash(key: PointKey): string {
  return createHash('sha256').update(canonicalJson(key)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
