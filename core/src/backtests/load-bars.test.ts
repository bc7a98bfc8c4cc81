import type { OhlcvFrame } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { trimBars } from './load-bars.ts';

const frame: OhlcvFrame = {
  kind: 'ohlcv',
  symbol: 'SIM:X',
  timeframe: '1d',
  time: [10, 20, 30, 40],
  open: [1, 2, 3, 4],
  high: [1, 2, 3, 4],
  low: [1, 2, 3, 4],
  close: [1, 2, 3, 4],
  volume: [5, 6, 7, 8],
};

describe('trimBars', () => {
  it('keeps the bars opening from the first to the last time, inclusive', () => {
    expect(trimBars(frame, 20, 30)).toMatchObject({ time: [20, 30], open: [2, 3], volume: [6, 7] });
  });
  it('drops a bar that closed after the run ended', () => {
    expect(trimBars(frame, 10, 30).time).toEqual([10, 20, 30]);
  });
  it('returns the frame itself when nothing is cut, and no bars when none is in range', () => {
    expect(trimBars(frame, 10, 40)).toBe(frame);
    expect(trimBars(frame, 50, 60).time).toEqual([]);
  });
});
