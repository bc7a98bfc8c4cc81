import { setTimeout as sleep } from 'node:timers/promises';
import type { OhlcvFrame, StreamRequest, Timeframe } from '@nautilus/sdk';
import { NautilusError, TIMEFRAME_MS } from '@nautilus/sdk';
import { toBarRequest } from './bars-query.ts';
import type { SimInstrument } from './instrument.ts';
import type { SimMarket } from './sim-market.ts';

/** A validated stream request: which bars, and the replay clock. */
export interface BarStream {
  instrument: SimInstrument;
  timeframe: Timeframe;
  /** Most bars one step may emit while catching up. */
  maxPoints: number;
  replay: { from: number; speed: number } | undefined;
}

const MAX_SPEED = 1_000_000;
/** Live, the market moves once a second (the intraminute path); a step a second emits each move. */
const LIVE_STEP_MS = 1_000;
const MIN_STEP_MS = 20;
const SECOND_MS = 1_000;

const invalid = (path: string, message: string) => NautilusError.validation('sim-market bars stream', [{ path, message }]);

/** Checks a host stream request like toBarRequest checks a query; `now` is the wall clock. */
export function toBarStream(request: StreamRequest, now: number): BarStream {
  const { instrument, timeframe, maxPoints } = toBarRequest({ ...request, range: { from: 0, to: 1 } });
  const replay = request.replay;
  if (replay === undefined) return { instrument, timeframe, maxPoints, replay: undefined };
  if (!Number.isFinite(replay.from) || replay.from >= now) throw invalid('replay.from', 'must be a time in the past (epoch ms)');
  if (!(typeof replay.speed === 'number' && replay.speed >= 1 && replay.speed <= MAX_SPEED)) {
    throw invalid('replay.speed', `must be a number from 1 to ${MAX_SPEED}, got ${JSON.stringify(replay.speed)}`);
  }
  return { instrument, timeframe, maxPoints, replay };
}

const sameBar = (a: OhlcvFrame | undefined, b: OhlcvFrame) =>
  a !== undefined &&
  a.time[0] === b.time[0] &&
  a.high[0] === b.high[0] &&
  a.low[0] === b.low[0] &&
  a.close[0] === b.close[0] &&
  a.volume[0] === b.volume[0];

function* oneBarFrames(frame: OhlcvFrame, forming: boolean): Generator<OhlcvFrame> {
  for (let index = 0; index < frame.time.length; index++) {
    const pick = (column: number[]) => [column[index] as number];
    yield {
      kind: 'ohlcv',
      symbol: frame.symbol,
      timeframe: frame.timeframe,
      time: pick(frame.time),
      open: pick(frame.open),
      high: pick(frame.high),
      low: pick(frame.low),
      close: pick(frame.close),
      volume: pick(frame.volume),
      ...(forming ? { forming: true } : {}),
    };
  }
}

/**
 * Emits each bar once its period has ended (open time + timeframe <= the clock), and, in between,
 * the forming bar as the market answers it at the clock (its finished minutes plus the minute in
 * progress cut at the second reached, see intraminute-path.ts), whenever it changed: about once a
 * second live, for every timeframe 1m included. Live the clock is the wall clock, and
 * only bars closing after the start are emitted; a replay's clock starts at `replay.from` and runs
 * `speed` times faster until it reaches now, emitting every bar from `from` on, then goes on live.
 */
export async function streamBars(
  market: SimMarket,
  stream: BarStream,
  emit: (frame: OhlcvFrame) => void,
  signal: AbortSignal,
  wallClock: () => number = Date.now,
): Promise<void> {
  const timeframeMs = TIMEFRAME_MS[stream.timeframe];
  const wallStart = wallClock();
  const speed = stream.replay?.speed ?? 1;
  const clockStart = stream.replay?.from ?? wallStart;
  const clock = () => Math.min(wallClock(), clockStart + (wallClock() - wallStart) * speed);
  const bars = (from: number, to: number, asOf: number) =>
    market.bars(
      { instrument: stream.instrument, timeframe: stream.timeframe, from, to, maxPoints: stream.maxPoints, asOf },
      signal,
    );

  // Bars with open time >= nextClosed have not been emitted as closed yet.
  let nextClosed = Math.floor(clockStart / timeframeMs) * timeframeMs;
  if (stream.replay && nextClosed < clockStart) nextClosed += timeframeMs;
  let lastForming: OhlcvFrame | undefined;
  try {
    await run();
  } catch (error) {
    if (!signal.aborted) throw error;
  }

  async function run(): Promise<void> {
    while (!signal.aborted) {
      const now = clock();
      const closedTo = now - timeframeMs + 1;
      if (closedTo > nextClosed) {
        // At most maxPoints buckets per step; bars before `to` are complete, so none can appear there later.
        const to = Math.min(closedTo, nextClosed + stream.maxPoints * timeframeMs);
        for (const frame of oneBarFrames(await bars(nextClosed, to, now), false)) emit(frame);
        nextClosed = to;
      }
      const bucket = Math.floor(now / timeframeMs) * timeframeMs;
      if (bucket >= nextClosed) {
        const [forming] = oneBarFrames(await bars(bucket, bucket + timeframeMs, now), true);
        if (forming && !sameBar(lastForming, forming)) {
          lastForming = forming;
          emit(forming);
        }
      }
      const caughtUp = clock() >= wallClock();
      const stepMs = caughtUp ? LIVE_STEP_MS : Math.max(MIN_STEP_MS, Math.min(LIVE_STEP_MS, SECOND_MS / speed));
      await sleep(stepMs, undefined, { signal }).catch(() => {});
    }
  }
}
