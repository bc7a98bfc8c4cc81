import { DonchianChannels, StochasticOscillator, WilliamsR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { createIndicator } from './index.ts';
import { makeTestBars } from './test-bars.ts';
import { WindowExtreme } from './window-extreme.ts';

function scan(values: number[], end: number, period: number, kind: 'highest' | 'lowest'): number {
  const window = values.slice(end - period + 1, end + 1);
  return kind === 'highest' ? Math.max(...window) : Math.min(...window);
}

describe('WindowExtreme (monotonic deque)', () => {
  const series: [string, number[]][] = [
    ['random walk', makeTestBars(2000).high],
    ['rising', Array.from({ length: 200 }, (_, index) => index)],
    ['falling', Array.from({ length: 200 }, (_, index) => -index)],
    ['flat with ties', Array.from({ length: 200 }, (_, index) => (index % 7 < 3 ? 5 : 4))],
  ];
  for (const [name, values] of series) {
    for (const period of [1, 2, 14, 50]) {
      it(`equals a scan of the window: ${name}, period ${period}`, () => {
        for (const kind of ['highest', 'lowest'] as const) {
          const extreme = new WindowExtreme(period, kind);
          values.forEach((value, index) => {
            const result = extreme.update(value);
            if (index < period - 1) expect(result).toBeNaN();
            else expect(result).toBe(scan(values, index, period, kind));
          });
        }
      });
    }
  }
});

describe('stochastic oscillator on WindowExtreme', () => {
  it("gives trading-signals' StochasticOscillator numbers bit for bit over 1,000,000 bars", () => {
    const bars = makeTestBars(1_000_000);
    const mine = createIndicator('stoch', { k: 14, kSlowing: 3, d: 3 });
    const library = new StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
    let mismatches = 0;
    let compared = 0;
    const bar = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
    for (let index = 0; index < bars.close.length; index++) {
      bar.open = bars.open[index]!;
      bar.high = bars.high[index]!;
      bar.low = bars.low[index]!;
      bar.close = bars.close[index]!;
      mine.update(bar);
      const theirs = library.add({ ...bar });
      const expectedK = theirs !== null && library.isStable ? theirs.stochK : Number.NaN;
      const expectedD = theirs !== null && library.isStable ? theirs.stochD : Number.NaN;
      if (!Object.is(mine.values[0], expectedK) || !Object.is(mine.values[1], expectedD)) mismatches++;
      if (!Number.isNaN(expectedK)) compared++;
    }
    expect(mismatches).toBe(0);
    expect(compared).toBeGreaterThan(999_000);
  });
});

describe('Williams %R and Donchian channels on WindowExtreme', () => {
  it("give trading-signals' WilliamsR and DonchianChannels numbers bit for bit over 200,000 bars", () => {
    const bars = makeTestBars(200_000, 7);
    const willr = createIndicator('willr', { period: 14 });
    const donchian = createIndicator('donchian', { period: 20 });
    const libraryWillr = new WilliamsR(14);
    const libraryDonchian = new DonchianChannels(20);
    let mismatches = 0;
    let compared = 0;
    const bar = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
    for (let index = 0; index < bars.close.length; index++) {
      bar.open = bars.open[index]!;
      bar.high = bars.high[index]!;
      bar.low = bars.low[index]!;
      bar.close = bars.close[index]!;
      willr.update(bar);
      donchian.update(bar);
      const theirWillr = libraryWillr.add({ ...bar });
      const theirBands = libraryDonchian.add({ ...bar });
      const expected = [
        theirWillr ?? Number.NaN,
        theirBands?.middle ?? Number.NaN,
        theirBands?.upper ?? Number.NaN,
        theirBands?.lower ?? Number.NaN,
      ];
      const actual = [willr.values[0], donchian.values[0], donchian.values[1], donchian.values[2]];
      expected.forEach((value, at) => {
        if (!Object.is(actual[at], value)) mismatches++;
      });
      if (theirBands) compared++;
    }
    expect(mismatches).toBe(0);
    expect(compared).toBeGreaterThan(199_000);
  });
});
