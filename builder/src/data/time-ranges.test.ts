import { describe, expect, it } from 'vitest';
import {
  describeTimeRange,
  parseTimeRangeKey,
  QUICK_RANGES,
  refreshIntervalMs,
  timeRangeKey,
  timeRangeProblem,
} from './time-ranges.ts';

describe('describeTimeRange', () => {
  it('names the quick ranges', () => {
    expect(QUICK_RANGES.map(describeTimeRange)).toEqual(QUICK_RANGES.map((range) => range.label));
    expect(describeTimeRange({ from: 'now-7d', to: 'now' })).toBe('Last 7 days');
  });

  it('spells out other relative ranges, singular and plural', () => {
    expect(describeTimeRange({ from: 'now-3d', to: 'now' })).toBe('Last 3 days');
    expect(describeTimeRange({ from: 'now-1M', to: 'now' })).toBe('Last 1 month');
    expect(describeTimeRange({ from: 'now-15m', to: 'now' })).toBe('Last 15 minutes');
  });

  it('shows absolute ranges as from → to', () => {
    expect(describeTimeRange({ from: '2025-01-01', to: '2025-03-12' })).toBe('2025-01-01 → 2025-03-12');
    expect(describeTimeRange({ from: '2025-01-01T09:30:00Z', to: 'now' })).toBe('2025-01-01 09:30Z → now');
  });
});

describe('timeRangeKey', () => {
  it('round-trips', () => {
    const range = { from: '2025-01-01T00:00:00Z', to: 'now' };
    expect(parseTimeRangeKey(timeRangeKey(range))).toEqual(range);
  });
});

describe('refreshIntervalMs', () => {
  it('converts each interval, and off to false', () => {
    expect(['off', '5s', '30s', '1m', '5m'].map((refresh) => refreshIntervalMs(refresh as never))).toEqual([
      false,
      5_000,
      30_000,
      60_000,
      300_000,
    ]);
  });
});

describe('timeRangeProblem', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('accepts a sound range and names an inverted or unreadable one', () => {
    expect(timeRangeProblem({ from: 'now-1d', to: 'now' }, now)).toBeUndefined();
    expect(timeRangeProblem({ from: 'now', to: 'now-1d' }, now)).toMatch(/before the end/);
    expect(timeRangeProblem({ from: 'yesterday', to: 'now' }, now)).toMatch(/expected 'now'/);
  });
});
