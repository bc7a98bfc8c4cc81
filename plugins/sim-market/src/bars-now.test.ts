import type { OhlcvFrame, Timeframe } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { findInstrument } from './instruments.ts';
import { createSimMarket } from './sim-market.ts';

const MINUTE = 60_000;
const signal = new AbortController().signal;

/** The bars of `symbol` in [from, to) as the market answers them when its clock reads `now`. */
function barsAt(now: number, symbol: string, timeframe: Timeframe, from: number, to: number): Promise<OhlcvFrame> {
  const instrument = findInstrument(symbol)!;
  return createSimMarket({ now: () => now }).bars({ instrument, timeframe, from, to, maxPoints: 100_000 }, signal);
}

const last = (frame: OhlcvFrame) => {
  const index = frame.time.length - 1;
  return [frame.time[index], frame.open[index], frame.high[index], frame.low[index], frame.close[index], frame.volume[index]];
};

describe('bars up to the clock', () => {
  // A Wednesday afternoon in New York: every instrument trades.
  const minute = Date.parse('2024-05-01T17:23:00Z');

  it.each(['1m', '5m', '1h', '1d'] as const)(
    'answers the %s bar in progress as formed so far (marked forming), ending on the stored bar',
    async (timeframe) => {
      const from = minute - 3 * 86_400_000;
      const final = await barsAt(minute + 10 * 86_400_000, 'SIM:BTCUSD', timeframe, from, minute + MINUTE);
      const seen = new Set<string>();
      for (const second of [0, 1, 17, 30, 59]) {
        const frame = await barsAt(minute + second * 1000 + 400, 'SIM:BTCUSD', timeframe, from, minute + MINUTE);
        expect(frame.forming).toBe(true);
        // Every bar before the last is final already.
        expect(frame.time.slice(0, -1)).toEqual(final.time.slice(0, -1));
        expect(frame.close.slice(0, -1)).toEqual(final.close.slice(0, -1));
        const [time, open, high, low, , volume] = last(frame);
        const [finalTime, finalOpen, finalHigh, finalLow, , finalVolume] = last(final);
        expect([time, open]).toEqual([finalTime, finalOpen]);
        expect(high).toBeLessThanOrEqual(finalHigh!);
        expect(low).toBeGreaterThanOrEqual(finalLow!);
        expect(volume).toBeLessThanOrEqual(finalVolume!);
        seen.add(JSON.stringify(last(frame)));
      }
      // It moves within the minute.
      expect(seen.size).toBeGreaterThanOrEqual(3);
      if (timeframe === '1m') {
        // At the minute's end the bar is the stored one, final and no longer forming.
        const closed = await barsAt(minute + MINUTE, 'SIM:BTCUSD', '1m', from, minute + MINUTE);
        expect(closed.forming).toBeUndefined();
        expect(last(closed)).toEqual(last(final));
      }
    },
  );

  it('does not answer a bar that has not opened yet, and a past range is untouched by the clock', async () => {
    const frame = await barsAt(minute + 5_000, 'SIM:ETHUSD', '1m', minute - 10 * MINUTE, minute + 10 * MINUTE);
    expect(frame.time.at(-1)).toBe(minute);
    const past = await barsAt(minute + 5_000, 'SIM:ETHUSD', '1m', minute - 10 * MINUTE, minute);
    const later = await barsAt(minute + 86_400_000, 'SIM:ETHUSD', '1m', minute - 10 * MINUTE, minute);
    expect(past.forming).toBeUndefined();
    expect(past).toEqual(later);
  });
});
