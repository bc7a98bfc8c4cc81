import type { OhlcvFrame } from '@nautilus/sdk';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { queryBars, startPlugin } from './test-host.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

// The bars of `frame` whose time is in [from, to), as rows, for comparing two frames.
function rows(frame: OhlcvFrame, from = -Infinity, to = Infinity): number[][] {
  return frame.time.flatMap((time, index) =>
    time >= from && time < to
      ? [[time, frame.open[index], frame.high[index], frame.low[index], frame.close[index], frame.volume[index]] as number[]]
      : [],
  );
}

describe('bars: determinism', () => {
  it('returns identical frames for the same request, from a warm and from a cold plugin', async () => {
    const first = await queryBars('SIM:AAPL', '15m', '2024-05-01', '2024-05-10');
    const again = await queryBars('SIM:AAPL', '15m', '2024-05-01', '2024-05-10');
    const fresh = (await startPlugin()).bars!;
    const [cold] = await fresh.query(
      {
        params: { symbol: 'SIM:AAPL', timeframe: '15m' },
        range: { from: Date.parse('2024-05-01'), to: Date.parse('2024-05-10') },
        maxPoints: 1e6,
      },
      new AbortController().signal,
    );
    expect(first.time.length).toBeGreaterThan(100);
    expect(again).toEqual(first);
    expect(cold).toEqual(first);
  });

  it.each(['1m', '1h', '1d'] as const)('agrees on the common %s bars of two overlapping ranges', async (timeframe) => {
    const days = timeframe === '1d' ? 400 : 6;
    const start = Date.parse('2023-03-01T00:00:00Z');
    const early = await queryBars('SIM:EURUSD', timeframe, start, start + days * DAY);
    const late = await queryBars('SIM:EURUSD', timeframe, start + (days / 2) * DAY + 7 * 60_000, start + 2 * days * DAY);
    const commonFrom = late.time[0]!;
    const commonTo = start + days * DAY;
    const shared = rows(early, commonFrom, commonTo);
    expect(shared.length).toBeGreaterThan(3);
    expect(rows(late, commonFrom, commonTo)).toEqual(shared);
  });

  it('does not depend on the series queried before it', async () => {
    const plain = await (await startPlugin()).bars!.query(
      {
        params: { symbol: 'SIM:GC', timeframe: '1h' },
        range: { from: Date.parse('2022-06-01'), to: Date.parse('2022-06-04') },
        maxPoints: 1e6,
      },
      new AbortController().signal,
    );
    await queryBars('SIM:GC', '1d', '2020-01-01', '2023-01-01');
    expect([await queryBars('SIM:GC', '1h', '2022-06-01', '2022-06-04')]).toEqual(plain);
  });
});

describe('bars: range and limits', () => {
  it('returns only bars whose open time is in [from, to)', async () => {
    const from = Date.parse('2024-02-06T15:07:00Z');
    const to = Date.parse('2024-02-06T18:00:00Z');
    const frame = await queryBars('SIM:SPY', '1h', from, to);
    expect(frame.time).toEqual([16, 17].map((hour) => Date.parse(`2024-02-06T${hour}:00:00Z`)));
  });

  it('returns the most recent maxPoints bars when the range holds more', async () => {
    const all = await queryBars('SIM:BTCUSD', '1h', '2024-03-01', '2024-04-01');
    const last = await queryBars('SIM:BTCUSD', '1h', '2024-03-01', '2024-04-01', 24);
    expect(all.time).toHaveLength(31 * 24);
    expect(last.time).toHaveLength(24);
    expect(last.time[0]).toBe(Date.parse('2024-03-31T00:00:00Z'));
    expect(rows(last)).toEqual(rows(all).slice(-24));
  });

  it.each([
    ['SIM:ES', '4h', 7],
    ['SIM:EURUSD', '15m', 50],
    ['SIM:AAPL', '1h', 9],
    ['SIM:AAPL', '1m', 1],
    ['SIM:GC', '1d', 3],
  ] as const)(
    'cuts %s %s to the newest %i bars exactly as slicing the full range would',
    async (symbol, timeframe, maxPoints) => {
      const all = await queryBars(symbol, timeframe, '2024-02-01', '2024-02-20');
      const last = await queryBars(symbol, timeframe, '2024-02-01', '2024-02-20', maxPoints);
      expect(all.time.length).toBeGreaterThan(maxPoints);
      expect(rows(last)).toEqual(rows(all).slice(-maxPoints));
    },
  );

  it('returns the most recent daily bars under maxPoints too', async () => {
    const last = await queryBars('SIM:AAPL', '1d', '2010-01-01', '2024-01-01', 5);
    expect(last.time.map((time) => new Date(time).toISOString().slice(0, 10))).toEqual([
      '2023-12-25',
      '2023-12-26',
      '2023-12-27',
      '2023-12-28',
      '2023-12-29',
    ]);
  });

  it('never returns a bar that opens after now', async () => {
    const now = Date.now();
    for (const timeframe of ['1m', '1h', '1d'] as const) {
      const frame = await queryBars('SIM:BTCUSD', timeframe, now - 3 * DAY, now + 3 * DAY);
      const after = Date.now();
      expect(frame.time.length).toBeGreaterThan(0);
      expect(frame.time.every((time) => time <= after)).toBe(true);
    }
    // Crypto trades right now, so the current minute is there.
    const minutes = await queryBars('SIM:BTCUSD', '1m', now - HOUR, now + HOUR);
    expect(minutes.time.at(-1)).toBeGreaterThanOrEqual(Math.floor(now / 60_000) * 60_000);
  });

  it('starts history on 2000-01-03', async () => {
    const frame = await queryBars('SIM:SPY', '1d', '1990-01-01', '2000-01-08');
    expect(frame.time.map((time) => new Date(time).toISOString().slice(0, 10))).toEqual([
      '2000-01-03',
      '2000-01-04',
      '2000-01-05',
      '2000-01-06',
      '2000-01-07',
    ]);
  });
});

describe('bars: bad input', () => {
  it('rejects an unknown symbol with a VALIDATION error naming the field', async () => {
    const error = await queryBars('SIM:NOPE', '1h', '2024-01-01', '2024-01-02').catch((caught: unknown) => caught);
    expect(isNautilusError(error)).toBe(true);
    if (!isNautilusError(error)) return;
    expect(error.code).toBe('VALIDATION');
    expect(error.fields[0]?.path).toBe('symbol');
    expect(error.message).toMatch(/symbol.*SIM:NOPE/);
  });

  it('rejects an unknown timeframe and a reversed range', async () => {
    const timeframe = await queryBars('SIM:AAPL', '2h' as never, '2024-01-01', '2024-01-02').catch((caught: unknown) => caught);
    const reversed = await queryBars('SIM:AAPL', '1h', '2024-01-02', '2024-01-01').catch((caught: unknown) => caught);
    expect(isNautilusError(timeframe) && timeframe.fields[0]?.path).toBe('timeframe');
    expect(isNautilusError(reversed) && reversed.fields[0]?.path).toBe('range.from');
  });

  it('stops with the abort reason when the host aborts a long query', async () => {
    const bars = (await startPlugin()).bars!;
    const controller = new AbortController();
    const reason = new Error('timed out');
    const pending = bars.query(
      {
        params: { symbol: 'SIM:ETHUSD', timeframe: '1d' },
        range: { from: Date.parse('2000-01-01'), to: Date.now() },
        maxPoints: 1e6,
      },
      controller.signal,
    );
    // A timer, as the host's timeout is: it can only fire if the query gives the event loop turns.
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});
