import type { Frame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { hasNoData } from './frames.ts';

const bars = (count: number): Frame => ({
  kind: 'ohlcv',
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  time: Array.from({ length: count }, (_, index) => index),
  open: [],
  high: [],
  low: [],
  close: [],
  volume: [],
});

describe('hasNoData', () => {
  it('is true for no frames and for frames without points or rows', () => {
    expect(hasNoData([])).toBe(true);
    expect(hasNoData([bars(0), { kind: 'table', columns: [], rows: [] }])).toBe(true);
    expect(hasNoData([{ kind: 'timeseries', series: [{ name: 'a', time: [], values: [] }] }])).toBe(true);
  });

  it('is false as soon as one frame has something', () => {
    expect(hasNoData([bars(0), bars(1)])).toBe(false);
    expect(hasNoData([{ kind: 'scalar', value: 0 }])).toBe(false);
  });
});
