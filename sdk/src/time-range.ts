import { NautilusError } from './errors.ts';

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};
const RELATIVE = /^now(?:([+-])(\d{1,6})([smhdwMy]))?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The times a resolved expression may name: years 0001 to 9999, as ISO 8601 writes them and every database stores them. */
export const EARLIEST_TIME = Date.parse('0001-01-01T00:00:00Z');
export const LATEST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Resolves a time expression to epoch milliseconds: `now`, `now-15m`, `now-7d`, `now-1y` (M = 30 days,
 * y = 365 days, as Grafana does), an ISO 8601 date or date-time (UTC unless it names an offset), or
 * epoch milliseconds as a number. The result lies between {@link EARLIEST_TIME} and {@link LATEST_TIME}.
 * @example resolveTime('now-1h', Date.parse('2026-01-01T12:00:00Z')) // 2026-01-01T11:00:00Z
 */
export function resolveTime(expression: string | number, now: number, field = 'time'): number {
  const time = parseTime(expression, now, field);
  if (time < EARLIEST_TIME || time > LATEST_TIME) {
    throw NautilusError.validation('time', [
      { path: field, message: `must lie between years 0001 and 9999 (epoch ms ${EARLIEST_TIME} to ${LATEST_TIME}), got ${time}` },
    ]);
  }
  return time;
}

function parseTime(expression: string | number, now: number, field: string): number {
  if (typeof expression === 'number') {
    if (Number.isFinite(expression)) return Math.trunc(expression);
    throw NautilusError.validation('time', [{ path: field, message: 'must be a finite number of epoch milliseconds' }]);
  }
  const text = expression.trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign || !amount || !unit) return now;
    const offset = Number(amount) * (UNIT_MS[unit] ?? 0);
    return sign === '-' ? now - offset : now + offset;
  }
  if (ISO.test(text)) {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
    const parsed = Date.parse(hasZone ? text : text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw NautilusError.validation('time', [
    { path: field, message: `expected 'now', 'now-<n><s|m|h|d|w|M|y>' or an ISO 8601 date, got '${text}'` },
  ]);
}

/** Resolves a `{from, to}` pair and checks that `from` is before `to`. */
export function resolveTimeRange(
  range: { from: string | number; to: string | number },
  now: number,
): { from: number; to: number } {
  const from = resolveTime(range.from, now, 'range.from');
  const to = resolveTime(range.to, now, 'range.to');
  if (from >= to) {
    throw NautilusError.validation('time range', [{ path: 'range.from', message: 'must be before range.to' }]);
  }
  return { from, to };
}
