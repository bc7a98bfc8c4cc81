import { describe, expect, it } from 'vitest';
import { MacdIndicator } from './macd.ts';

describe('MacdIndicator', () => {
  it('computes line, signal and histogram from SMA-seeded EMAs (worked by hand for 2/3/2)', () => {
    // closes 1, 3, 2, 6, 4, 8
    // EMA(2), alpha 2/3: seed 2 at bar 1; bar 2: 2; bar 3: 14/3; bar 4: 38/9; bar 5: 182/27
    // EMA(3), alpha 1/2: seed 2 at bar 2; bar 3: 4; bar 4: 4; bar 5: 6
    // line: bar 2: 0; bar 3: 2/3; bar 4: 2/9; bar 5: 20/27
    // signal EMA(2) of the line: seed (0 + 2/3)/2 = 1/3 at bar 3; bar 4: 7/27; bar 5: 47/81
    const macd = new MacdIndicator(2, 3, 2);
    const seen: [number | undefined, number | undefined, number | undefined][] = [];
    for (const close of [1, 3, 2, 6, 4, 8]) {
      macd.update(close, close, close, close);
      seen.push([macd.value, macd.signal, macd.histogram]);
    }
    expect(seen[1]).toEqual([undefined, undefined, undefined]);
    expect(seen[2]).toEqual([0, undefined, undefined]);
    expect(seen[3]![0]).toBeCloseTo(2 / 3, 12);
    expect(seen[3]![1]).toBeCloseTo(1 / 3, 12);
    expect(seen[4]![1]).toBeCloseTo(7 / 27, 12);
    expect(seen[5]![0]).toBeCloseTo(20 / 27, 12);
    expect(seen[5]![1]).toBeCloseTo(47 / 81, 12);
    expect(seen[5]![2]).toBeCloseTo(13 / 81, 12);
    expect(macd.previous).toBeCloseTo(2 / 9, 12);
  });
});
