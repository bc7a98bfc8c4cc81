import { computeIndicator } from '@nautilus/indicators';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

// A strategy reading catalogue indicators bar by bar, in the isolate and on the host, sees the very
// numbers a dashboard's indicator transform computes over the same frame.
const SOURCE = `
export default defineStrategy({
  name: 'Reads indicators',
  onBar(ctx) {
    const adx = ctx.indicators.indicator('adx', { period: 5 });
    const stoch = ctx.indicators.indicator('stoch');
    const macd = ctx.indicators.macd(3, 6, 2);
    ctx.log(JSON.stringify([adx.value ?? null, stoch.outputs.d ?? null, macd.signal ?? null]));
  },
});`;

describe('catalogue indicators in strategies', () => {
  for (const sandbox of [true, false]) {
    it(`match the frame computation bar for bar (${sandbox ? 'sandboxed' : 'host'})`, async () => {
      const bars = dailyBars(80, (index) => 100 + 10 * Math.sin(index / 5) + (index % 7));
      const result = await runBacktest({ source: SOURCE, bars, sandbox });
      const seen = result.logs.map((line) => JSON.parse(line.message) as (number | null)[]);
      const adx = computeIndicator('adx', { period: 5 }, bars).outputs.value!;
      const stochD = computeIndicator('stoch', undefined, bars).outputs.d!;
      const signal = computeIndicator('macd', { fast: 3, slow: 6, signal: 2 }, bars).outputs.signal!;
      const expected = Array.from(adx, (value, index) =>
        [value, stochD[index]!, signal[index]!].map((number) => (Number.isNaN(number) ? null : number)),
      );
      expect(seen).toEqual(expected);
      expect(seen.at(-1)!.every((value) => typeof value === 'number')).toBe(true);
    });
  }
});
