import { describe, expect, it } from 'vitest';
import { BarWriter } from './bar-writer.ts';

// Five 1m bars at minutes 0..4: [time, open, high, low, close, volume].
const minutes = [
  [0, 10, 12, 9, 11, 100],
  [1, 11, 11.5, 10.5, 11, 50],
  [2, 11, 14, 11, 13, 70],
  [3, 13, 13, 8, 9, 20],
  [4, 9, 10, 9, 10, 5],
] as const;

describe('BarWriter', () => {
  it('aggregates bars into buckets: first open, highest high, lowest low, last close, summed volume', () => {
    const writer = new BarWriter(3);
    for (const [time, open, high, low, close, volume] of minutes) writer.add(time - (time % 2), open, high, low, close, volume);
    expect(writer.finish()).toEqual({
      time: [0, 2, 4],
      open: [10, 11, 9],
      high: [12, 14, 10],
      low: [9, 8, 9],
      close: [11, 9, 10],
      volume: [150, 90, 5],
    });
  });

  it('returns no holes when fewer buckets arrive than announced', () => {
    const writer = new BarWriter(4);
    writer.add(0, 1, 2, 0.5, 1.5, 10);
    const bars = writer.finish();
    expect(bars.time).toEqual([0]);
    expect(Object.values(bars).every((column) => column.length === 1)).toBe(true);
  });
});
