import type { OhlcvFrame, TimeSeriesFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { toLineSeries, toSeriesPoints } from './line-data.ts';

const bars: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:SPY',
  timeframe: '1d',
  time: [86_400_000, 172_800_000],
  open: [1, 2],
  high: [1, 2],
  low: [1, 2],
  close: [500.5, 501.25],
  volume: [1, 1],
};
const series: TimeSeriesFrame = {
  kind: 'timeseries',
  series: [
    { name: 'equity', unit: 'USD', time: [0, 60_000], values: [100, 101] },
    { name: 'drawdown', time: [0], values: [0] },
  ],
};

describe('toLineSeries', () => {
  it('draws the closes of OHLCV bars, named by symbol', () => {
    expect(toLineSeries([bars])).toEqual([
      {
        name: 'SIM:SPY',
        points: [
          { time: 86_400, value: 500.5 },
          { time: 172_800, value: 501.25 },
        ],
      },
    ]);
  });

  it('makes one line per series, with its unit in the name, across frames', () => {
    const lines = toLineSeries([series, bars]);
    expect(lines.map((line) => line.name)).toEqual(['equity (USD)', 'drawdown', 'SIM:SPY']);
    expect(lines[0]?.points).toEqual([
      { time: 0, value: 100 },
      { time: 60, value: 101 },
    ]);
  });

  it('rejects a series with more times than values', () => {
    const bad: TimeSeriesFrame = { kind: 'timeseries', series: [{ name: 'x', time: [0, 1], values: [1] }] };
    expect(() => toLineSeries([bad])).toThrow('"x" needs one value per time; got 2 times and 1 values');
  });
});

describe('toSeriesPoints', () => {
  it('converts to seconds, drops missing values and keeps the latest value within one second', () => {
    const points = toSeriesPoints('pnl', [1_000, 1_500, 2_000, 3_000], [1, 2, Number.NaN, 4]);
    expect(points).toEqual([
      { time: 1, value: 2 },
      { time: 3, value: 4 },
    ]);
  });

  it('names the series whose times go backwards', () => {
    expect(() => toSeriesPoints('pnl', [2_000, 1_000], [1, 2])).toThrow(/series "pnl" times must be strictly increasing/);
  });
});
