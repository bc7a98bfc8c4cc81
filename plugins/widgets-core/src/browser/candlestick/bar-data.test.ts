import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { toChartBars, toCloseSeries, toLinePoints } from './bar-data.ts';

const colors = { up: 'UP', down: 'DOWN' };
const frame = (overrides: Partial<OhlcvFrame> = {}): OhlcvFrame => ({
  kind: 'ohlcv',
  symbol: 'SIM:AAPL',
  timeframe: '1h',
  time: [1_700_000_000_000, 1_700_003_600_000, 1_700_007_200_000],
  open: [10, 11, 12],
  high: [12, 13, 12.5],
  low: [9, 10.5, 11],
  close: [11, 12, 11.5],
  volume: [100, 200, 300],
  ...overrides,
});

describe('toChartBars', () => {
  it('turns the columns into bars with times in UTC seconds', () => {
    const { bars } = toChartBars(frame(), colors);
    expect(bars[0]).toEqual({ time: 1_700_000_000, open: 10, high: 12, low: 9, close: 11 });
    expect(bars[2]).toEqual({ time: 1_700_007_200, open: 12, high: 12.5, low: 11, close: 11.5 });
  });

  it('colours each volume bar by whether its bar closed up or down', () => {
    const { volume } = toChartBars(frame(), colors);
    expect(volume.map((bar) => ('color' in bar ? bar.color : undefined))).toEqual(['UP', 'UP', 'DOWN']);
    expect(volume[1]).toMatchObject({ time: 1_700_003_600, value: 200 });
  });

  it('converts only the bars from the given index on', () => {
    const { bars, volume } = toChartBars(frame(), colors, 1);
    expect(bars.map((bar) => bar.time)).toEqual([1_700_003_600, 1_700_007_200]);
    expect(volume).toHaveLength(2);
  });

  it('leaves a gap for a bar with a missing price', () => {
    const { bars } = toChartBars(frame({ close: [11, null as unknown as number, 11.5] }), colors);
    expect(bars[1]).toEqual({ time: 1_700_003_600 });
  });
});

describe('toCloseSeries', () => {
  it('keeps the defined closes of every bar with their times in seconds', () => {
    const series = toCloseSeries(frame({ close: [11, null as unknown as number, 11.5] }));
    expect(Array.from(series.closes)).toEqual([11, 11.5]);
    expect(Array.from(series.times)).toEqual([1_700_000_000, 1_700_007_200]);
  });

  it('refuses times that do not increase, saying where', () => {
    expect(() => toCloseSeries(frame({ time: [3_000, 2_000, 4_000] }))).toThrow(/value 1 \(2000\) follows 3000/);
    expect(() => toCloseSeries(frame({ time: [1_000, 1_000, 4_000] }))).toThrow(/value 1/);
  });
});

describe('toLinePoints', () => {
  it('skips the values an indicator has not computed yet', () => {
    const points = toLinePoints(new Float64Array([1, 2, 3]), new Float64Array([Number.NaN, 5, 6]));
    expect(points).toEqual([
      { time: 2, value: 5 },
      { time: 3, value: 6 },
    ]);
  });

  it('starts at the first time at or after fromTime', () => {
    const times = new Float64Array([10, 20, 30, 40]);
    const values = new Float64Array([1, 2, 3, 4]);
    expect(toLinePoints(times, values, 20).map((point) => point.time)).toEqual([20, 30, 40]);
    expect(toLinePoints(times, values, 25).map((point) => point.time)).toEqual([30, 40]);
    expect(toLinePoints(times, values, 50)).toEqual([]);
  });
});
