import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { readStat, statChange } from './stat-reading.ts';

const bars = (close: number[]): OhlcvFrame => ({
  kind: 'ohlcv',
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  time: close.map((_, index) => index * 86_400_000),
  open: close,
  high: close,
  low: close,
  close,
  volume: close.map(() => 1),
});

describe('readStat', () => {
  it('takes a scalar with its previous value, label and unit', () => {
    expect(readStat({ kind: 'scalar', value: 5, previous: 4, label: 'P&L', unit: 'USD' })).toEqual({
      value: 5,
      previous: 4,
      label: 'P&L',
      unit: 'USD',
    });
    expect(readStat({ kind: 'scalar', value: 5 })).toEqual({ value: 5 });
  });

  it('compares the last close with the close of the bar before, skipping gaps', () => {
    expect(readStat(bars([100, 246, 247.23]))).toEqual({ value: 247.23, previous: 246, label: 'SIM:AAPL' });
    expect(readStat(bars([100, 246, Number.NaN]))).toEqual({ value: 246, previous: 100, label: 'SIM:AAPL' });
    expect(readStat(bars([7]))).toEqual({ value: 7, label: 'SIM:AAPL' });
  });

  it('compares the last two points of the first series that has any', () => {
    const frame = {
      kind: 'timeseries' as const,
      series: [
        { name: 'empty', time: [], values: [] },
        { name: 'equity', unit: 'USD', time: [1, 2, 3], values: [10, 12, 9] },
      ],
    };
    expect(readStat(frame)).toEqual({ value: 9, previous: 12, label: 'equity', unit: 'USD' });
  });

  it('has nothing to show for no bars or a missing value', () => {
    expect(readStat(bars([]))).toBeNull();
    expect(readStat({ kind: 'scalar', value: null as unknown as number })).toBeNull();
    expect(readStat({ kind: 'timeseries', series: [] })).toBeNull();
  });
});

describe('statChange', () => {
  it('gives the absolute and percentage change (246 → 247.23 is +1.23, +0.5 %)', () => {
    const change = statChange(247.23, 246);
    expect(change?.absolute).toBeCloseTo(1.23, 10);
    expect(change?.percent).toBeCloseTo(0.5, 10);
    expect(change?.direction).toBe('up');
  });

  it('measures a fall against the size of a negative previous value', () => {
    // −200 → −250 is a fall of 50, a quarter of 200: −25 %.
    expect(statChange(-250, -200)).toEqual({ absolute: -50, percent: -25, direction: 'down' });
  });

  it('shows no percentage when the previous value is 0, and no change without a previous value', () => {
    expect(statChange(3, 0)).toEqual({ absolute: 3, direction: 'up' });
    expect(statChange(3, undefined)).toBeNull();
    expect(statChange(3, 3)).toEqual({ absolute: 0, percent: 0, direction: 'flat' });
  });
});
