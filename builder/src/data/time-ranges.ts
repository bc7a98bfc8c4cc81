import { type RefreshInterval, resolveTime, type TimeRange } from '@nautilus/sdk';

/** The ranges a trader picks most, newest data at the right edge. */
export const QUICK_RANGES: readonly (TimeRange & { label: string })[] = [
  { from: 'now-1h', to: 'now', label: 'Last 1 hour' },
  { from: 'now-6h', to: 'now', label: 'Last 6 hours' },
  { from: 'now-24h', to: 'now', label: 'Last 24 hours' },
  { from: 'now-7d', to: 'now', label: 'Last 7 days' },
  { from: 'now-30d', to: 'now', label: 'Last 30 days' },
  { from: 'now-90d', to: 'now', label: 'Last 90 days' },
  { from: 'now-1y', to: 'now', label: 'Last 1 year' },
  { from: 'now-5y', to: 'now', label: 'Last 5 years' },
];

const UNIT_NAMES: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', M: 'month', y: 'year' };

/** A stable string for a range, used as a Select value. */
export const timeRangeKey = (range: TimeRange) => `${range.from}|${range.to}`;

export function parseTimeRangeKey(key: string): TimeRange {
  const [from = 'now-30d', to = 'now'] = key.split('|');
  return { from, to };
}

function describeTime(expression: string): string {
  if (expression === 'now') return 'now';
  const relative = /^now-(\d+)([smhdwMy])$/.exec(expression);
  if (relative) return `now − ${relative[1]}${relative[2]}`;
  return expression.replace('T', ' ').replace(/:00(\.000)?Z$/, 'Z');
}

/**
 * What the time picker shows for a range.
 * @example describeTimeRange({ from: 'now-3d', to: 'now' }) // 'Last 3 days'
 */
export function describeTimeRange(range: TimeRange): string {
  const quick = QUICK_RANGES.find((item) => item.from === range.from && item.to === range.to);
  if (quick) return quick.label;
  const relative = /^now-(\d+)([smhdwMy])$/.exec(range.from);
  if (relative && range.to === 'now') {
    const count = Number(relative[1]);
    const unit = UNIT_NAMES[relative[2] as string] as string;
    return `Last ${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return `${describeTime(range.from)} → ${describeTime(range.to)}`;
}

/** Milliseconds between refreshes, or false for no auto-refresh. */
export function refreshIntervalMs(refresh: RefreshInterval): number | false {
  const match = /^(\d+)([smh])$/.exec(refresh);
  if (!match) return false;
  const unitMs = { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
  return Number(match[1]) * unitMs;
}

/** The problem with a range, in words, or undefined when both ends resolve and `from` is first. */
export function timeRangeProblem(range: TimeRange, now: number): string | undefined {
  try {
    return resolveTime(range.from, now) < resolveTime(range.to, now) ? undefined : 'The start must be before the end.';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
