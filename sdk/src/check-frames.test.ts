import { describe, expect, it } from 'vitest';
import { checkFrames } from './check-frames.ts';

const bars = (time: number[], close = time.map(() => 1)) => ({
  kind: 'ohlcv',
  symbol: 'SIM:A',
  timeframe: '1m',
  time,
  open: close,
  high: close,
  low: close,
  close,
  volume: close,
});

describe('checkFrames', () => {
  it('accepts frames of every declared kind in their sdk shapes', () => {
    const frames = [
      bars([0, 60_000]),
      { kind: 'timeseries', series: [{ name: 'a', time: [1, 2], values: [3, 4] }] },
      { kind: 'table', columns: [{ name: 'a', type: 'number' }], rows: [[1], [null]] },
      { kind: 'scalar', value: 1 },
    ];
    expect(checkFrames(frames, ['ohlcv', 'timeseries', 'table', 'scalar'])).toBeUndefined();
    expect(checkFrames([], ['ohlcv'])).toBeUndefined();
  });

  it('names the first problem by its path', () => {
    expect(checkFrames({}, ['ohlcv'])).toBe('expected an array of frames');
    expect(checkFrames([{ kind: 'scalar', value: 1 }], ['ohlcv'])).toBe('frames[0].kind must be one of ohlcv');
    expect(checkFrames([bars([0]), { ...bars([0]), timeframe: '2m' }], ['ohlcv'])).toBe(
      'frames[1].timeframe is not a known timeframe',
    );
    expect(checkFrames([{ ...bars([0, 1]), volume: [1] }], ['ohlcv'])).toBe('frames[0].volume must be an array as long as time');
    expect(checkFrames([bars([0, 1], [1, Number.NaN])], ['ohlcv'])).toBe(
      'frames[0].open has a value that is not a finite number',
    );
    expect(checkFrames([bars([1, 1])], ['ohlcv'])).toBe('frames[0].time must be strictly increasing');
    expect(checkFrames([{ kind: 'timeseries', series: [{ name: 'a', time: [1], values: [] }] }], ['timeseries'])).toBe(
      'frames[0].series[0] needs time and values of equal length',
    );
    expect(checkFrames([{ kind: 'table', columns: [{ name: 'a', type: 'number' }], rows: [[1, 2]] }], ['table'])).toBe(
      'frames[0].rows[0] must have 1 cells',
    );
    expect(checkFrames([{ kind: 'scalar', value: '1' }], ['scalar'])).toBe('frames[0].value must be a number');
  });
});
