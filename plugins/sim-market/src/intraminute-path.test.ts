import { describe, expect, it } from 'vitest';
import { formingMinute, type MinuteBar, minuteKey, pathPrice, SECONDS_PER_MINUTE } from './intraminute-path.ts';
import { queryBars } from './test-host.ts';

const MINUTE = 60_000;
const seconds = Array.from({ length: SECONDS_PER_MINUTE + 1 }, (_, second) => second);

/** Real stored 1m bars of a few instruments (different ticks and price levels), with their keys. */
async function sampleBars(): Promise<{ bar: MinuteBar; key: number; tick: number }[]> {
  const cases: [string, number][] = [
    ['SIM:BTCUSD', 0.01],
    ['SIM:EURUSD', 0.00001],
    ['SIM:AAPL', 0.01],
  ];
  const out: { bar: MinuteBar; key: number; tick: number }[] = [];
  for (const [symbol, tick] of cases) {
    const from = Date.parse('2024-05-01T14:00:00Z');
    const frame = await queryBars(symbol, '1m', from, from + 40 * MINUTE);
    frame.time.forEach((time, index) => {
      const bar = {
        open: frame.open[index]!,
        high: frame.high[index]!,
        low: frame.low[index]!,
        close: frame.close[index]!,
        volume: frame.volume[index]!,
      };
      out.push({ bar, key: minuteKey(symbol.length * 7919, time), tick });
    });
  }
  return out;
}

describe('intraminute path', () => {
  it('ends every minute on the stored 1m bar exactly, and stays within its low and high all along', async () => {
    const samples = await sampleBars();
    expect(samples.length).toBeGreaterThan(100);
    for (const { bar, key, tick } of samples) {
      expect(formingMinute(bar, key, 60, tick)).toEqual(bar);
      // Reached along the path, not by a shortcut at second 60: the running extremes at 59 are already H and L.
      const at59 = formingMinute(bar, key, 59, tick);
      expect([at59.high, at59.low]).toEqual([bar.high, bar.low]);
      for (const second of seconds) {
        const price = pathPrice(bar, key, second, tick);
        expect(price).toBeGreaterThanOrEqual(bar.low);
        expect(price).toBeLessThanOrEqual(bar.high);
      }
    }
  });

  it('is deterministic per key and differs between keys', async () => {
    const { bar, tick } = (await sampleBars())[0]!;
    const path = (key: number) => seconds.map((second) => pathPrice(bar, key, second, tick));
    expect(path(minuteKey(1, 0))).toEqual(path(minuteKey(1, 0)));
    const others = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(path(minuteKey(seed, 5 * MINUTE))));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('moves within the minute: most seconds change the forming bar', async () => {
    const samples = await sampleBars();
    let changes = 0;
    let steps = 0;
    for (const { bar, key, tick } of samples.filter((sample) => sample.bar.high > sample.bar.low)) {
      for (let second = 1; second <= 60; second++) {
        steps++;
        if (pathPrice(bar, key, second, tick) !== pathPrice(bar, key, second - 1, tick)) changes++;
      }
    }
    expect(changes / steps).toBeGreaterThan(0.5);
  });

  it('forms each second from the path up to that second only (no look-ahead), with volume pro rata', async () => {
    const samples = await sampleBars();
    for (const { bar, key, tick } of samples.slice(0, 30)) {
      let high = bar.open;
      let low = bar.open;
      let previousVolume = 0;
      for (const second of seconds) {
        const price = pathPrice(bar, key, second, tick);
        high = Math.max(high, price);
        low = Math.min(low, price);
        const forming = formingMinute(bar, key, second, tick);
        // The fold over path(0..s): nothing after s enters.
        expect(forming).toEqual({ open: bar.open, high, low, close: price, volume: forming.volume });
        expect(forming.volume).toBe(second === 60 ? bar.volume : Math.round((bar.volume * second) / 60));
        expect(forming.volume).toBeGreaterThanOrEqual(previousVolume);
        previousVolume = forming.volume;
      }
    }
  });
});
