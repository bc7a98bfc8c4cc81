import type { DataSource, Frame, OhlcvFrame, StreamRequest } from '@nautilus/sdk';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import { queryBars, startPlugin } from './test-host.ts';

const MINUTE = 60_000;

/** Runs the bars stream until `enough` says stop (or `timeoutMs` passes) and returns what it emitted. */
async function collect(
  request: StreamRequest,
  enough: (frames: OhlcvFrame[]) => boolean,
  timeoutMs = 10_000,
): Promise<{ frames: OhlcvFrame[] }> {
  const bars = (await startPlugin()).bars as DataSource;
  const frames: OhlcvFrame[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let ended: Promise<void> | undefined;
  const done = new Promise<void>((resolve) => {
    const emit = (frame: Frame) => {
      if (frame.kind !== 'ohlcv') throw new Error(`expected ohlcv, got ${frame.kind}`);
      frames.push(frame);
      if (enough(frames)) resolve();
    };
    controller.signal.addEventListener('abort', () => resolve());
    ended = bars.stream!(request, emit, controller.signal);
  });
  await done;
  clearTimeout(timer);
  controller.abort();
  // The stream resolves promptly once aborted.
  await ended;
  return { frames };
}

const closedOnly = (frames: OhlcvFrame[]) => frames.filter((frame) => !frame.forming);

describe('bars stream', () => {
  it('declares streaming and replay for bars only', () => {
    const sources = plugin.manifest.contributes.dataSources ?? [];
    expect(sources.find((source) => source.id === 'bars')).toMatchObject({ streaming: true, replay: true });
    expect(sources.find((source) => source.id === 'instruments')?.streaming).toBe(false);
  });

  it('replays closed bars from `from` at speed, identical to the bars a query returns', async () => {
    const from = Math.floor(Date.now() / MINUTE) * MINUTE - 20 * MINUTE;
    const started = performance.now();
    const { frames } = await collect(
      { params: { symbol: 'SIM:BTCUSD', timeframe: '1m' }, maxPoints: 1000, replay: { from, speed: 1200 } },
      (seen) => closedOnly(seen).length >= 15,
    );
    // 15 simulated minutes at 1200x take under a second of wall time, not a quarter of an hour.
    expect(performance.now() - started).toBeLessThan(5_000);
    const closed = closedOnly(frames);
    expect(closed.length).toBeGreaterThanOrEqual(15);
    expect(closed.every((frame) => frame.time.length === 1 && frame.symbol === 'SIM:BTCUSD')).toBe(true);
    const times = closed.map((frame) => frame.time[0] as number);
    expect(times.slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, index) => from + index * MINUTE));
    const expected = await queryBars('SIM:BTCUSD', '1m', from, from + 15 * MINUTE);
    expect(closed.slice(0, 15).map((frame) => frame.close[0])).toEqual(expected.close);
    expect(closed.slice(0, 15).map((frame) => frame.volume[0])).toEqual(expected.volume);
    // Within its minute a 1m bar forms too, never past the minute's close, and before it closes.
    for (const closedBar of closed.slice(0, 15)) {
      const updates = frames.filter((frame) => frame.forming && frame.time[0] === closedBar.time[0]);
      for (const update of updates) {
        expect(frames.indexOf(update)).toBeLessThan(frames.indexOf(closedBar));
        expect(update.high[0]!).toBeLessThanOrEqual(closedBar.high[0]!);
        expect(update.low[0]!).toBeGreaterThanOrEqual(closedBar.low[0]!);
      }
    }
    expect(frames.some((frame) => frame.forming)).toBe(true);
  });

  it('updates the forming bar within the period, then emits the final bar when its period ends', async () => {
    const from = Math.floor(Date.now() / (15 * MINUTE)) * 15 * MINUTE - 60 * MINUTE;
    const { frames } = await collect(
      { params: { symbol: 'SIM:ETHUSD', timeframe: '15m' }, maxPoints: 1000, replay: { from, speed: 3000 } },
      (seen) => closedOnly(seen).length >= 2,
    );
    const firstClosed = closedOnly(frames)[0]!;
    const forming = frames.filter((frame) => frame.forming && frame.time[0] === firstClosed.time[0]);
    // A step every 20 ms of wall time is a simulated minute at 3000x: at least one update per minute.
    expect(forming.length).toBeGreaterThanOrEqual(10);
    expect(frames.indexOf(forming.at(-1)!)).toBeLessThan(frames.indexOf(firstClosed));
    for (const update of forming) {
      expect(update.open[0]).toBe(firstClosed.open[0]);
      expect(update.high[0]!).toBeLessThanOrEqual(firstClosed.high[0]!);
      expect(update.low[0]!).toBeGreaterThanOrEqual(firstClosed.low[0]!);
      expect(update.volume[0]!).toBeLessThan(firstClosed.volume[0]!);
    }
    const volumes = forming.map((update) => update.volume[0]!);
    expect(volumes).toEqual([...volumes].sort((a, b) => a - b));
  });

  it('live, emits only the forming bar of the current hour, never a bar that closed before it started', async () => {
    const hour = 3_600_000;
    const started = Date.now();
    const { frames } = await collect(
      { params: { symbol: 'SIM:BTCUSD', timeframe: '1h' }, maxPoints: 1000 },
      (seen) => seen.length >= 1,
      2_500,
    );
    const currentHour = Math.floor(started / hour) * hour;
    // Crypto trades around the clock, so the hour in progress has finished minutes (except in its first minute).
    if (started - currentHour > 2 * MINUTE) expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame.time[0]).toBeGreaterThanOrEqual(currentHour);
      if (frame.forming) expect(frame.time[0]! + hour).toBeGreaterThan(started);
    }
  });

  it('refuses a replay from the future or at a silly speed, naming the field', async () => {
    const bars = (await startPlugin()).bars as DataSource;
    const signal = new AbortController().signal;
    const base = { params: { symbol: 'SIM:AAPL', timeframe: '1m' }, maxPoints: 10 };
    const future = await bars
      .stream?.({ ...base, replay: { from: Date.now() + MINUTE, speed: 10 } }, () => {}, signal)
      .catch((error: unknown) => error);
    expect(isNautilusError(future) && future.fields[0]?.path).toBe('replay.from');
    const fast = await bars
      .stream?.({ ...base, replay: { from: 0, speed: 0.5 } }, () => {}, signal)
      .catch((error: unknown) => error);
    expect(isNautilusError(fast) && fast.fields[0]?.path).toBe('replay.speed');
  });
});

describe('bars stream, live', () => {
  it('ticks the forming 1m bar about once a second, never emitting a bar before its minute ends', async () => {
    const started = Date.now();
    const { frames } = await collect(
      { params: { symbol: 'SIM:BTCUSD', timeframe: '1m' }, maxPoints: 1000 },
      (seen) => seen.filter((frame) => frame.forming).length >= 3,
      6_000,
    );
    const received = Date.now();
    const forming = frames.filter((frame) => frame.forming);
    // Three distinct forming updates within about three seconds (crypto trades around the clock).
    expect(forming.length).toBeGreaterThanOrEqual(3);
    expect(received - started).toBeLessThan(5_500);
    for (const frame of frames) {
      if (!frame.forming) expect(frame.time[0]! + MINUTE).toBeLessThanOrEqual(received);
    }
  });
});
