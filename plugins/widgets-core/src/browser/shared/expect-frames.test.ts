import type { Frame, OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { expectFrames, ohlcvLength } from './expect-frames.ts';

const table: Frame = { kind: 'table', columns: [], rows: [] };
const scalar: Frame = { kind: 'scalar', value: 1 };
const bars = (overrides: Partial<OhlcvFrame> = {}): OhlcvFrame => ({
  kind: 'ohlcv',
  symbol: 'SIM:AAPL',
  timeframe: '1d',
  time: [0, 86_400_000],
  open: [1, 2],
  high: [1, 2],
  low: [1, 2],
  close: [1, 2],
  volume: [10, 20],
  ...overrides,
});

describe('expectFrames', () => {
  it('returns the frames when every one is of an accepted kind', () => {
    expect(expectFrames('line', ['timeseries', 'ohlcv'], [bars()])).toHaveLength(1);
    expect(expectFrames('candlestick', ['ohlcv'], [])).toEqual([]);
  });

  it('names what the widget expects and what it got', () => {
    expect(() => expectFrames('candlestick', ['ohlcv'], [table, scalar])).toThrow(
      "The candlestick widget draws ohlcv frames, but the panel's query returned a table and a scalar frame.",
    );
    expect(() => expectFrames('table', ['table', 'ohlcv'], [{ kind: 'image' } as unknown as Frame])).toThrow(
      /table or ohlcv.*an image/,
    );
  });

  it('treats missing frames as no data rather than failing', () => {
    expect(expectFrames('stat', ['scalar'], undefined)).toEqual([]);
  });
});

describe('ohlcvLength', () => {
  it('counts the bars', () => {
    expect(ohlcvLength(bars())).toBe(2);
  });

  it('rejects columns of different lengths, listing every column size', () => {
    expect(() => ohlcvLength(bars({ close: [1] }))).toThrow('got time 2, open 2, high 2, low 2, close 1, volume 2');
  });
});
