import { describe, expect, it } from 'vitest';
import { barCount, packBars } from './pack-bars.ts';

const bars = {
  time: [1, 2, 3],
  open: [10, 11, 12],
  high: [11, 12, 13],
  low: [9, 10, 11],
  close: [10.5, 11.5, 12.5],
  volume: [5, 6, 7],
};

describe('packBars', () => {
  it('packs a range column after column', () => {
    expect([...packBars(bars, 1, 3, 0)]).toEqual([2, 3, 11, 12, 12, 13, 10, 11, 11.5, 12.5, 6, 7]);
  });

  it('refuses bars the matching rules cannot trust, naming the bar', () => {
    expect(() => packBars({ ...bars, high: [11, 11, 13] }, 0, 3, 0)).toThrow(
      'bars.high[1]: must be >= open (11) and close (11.5); got 11',
    );
    expect(() => packBars({ ...bars, low: [9, 12, 11] }, 0, 3, 0)).toThrow('bars.low[1]');
    expect(() => packBars({ ...bars, time: [1, 1, 3] }, 0, 3, 0)).toThrow(
      'bars.time[1]: must be finite and later than the bar before (1); got 1',
    );
    expect(() => packBars(bars, 0, 1, 5)).toThrow('bars.time[0]');
    expect(() => packBars({ ...bars, volume: [5, Number.NaN, 7] }, 0, 3, 0)).toThrow('bars.volume[1]');
  });

  it('checks the columns have one length', () => {
    expect(barCount(bars)).toBe(3);
    expect(() => barCount({ ...bars, close: [1] })).toThrow('bars.close: must have as many values as bars.time (3)');
  });
});
