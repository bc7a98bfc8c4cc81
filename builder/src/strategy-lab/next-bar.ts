import { TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';

/** What a deployment needs to say when its next bar is due. */
export interface NextBarInput {
  timeframe: Timeframe;
  /** When the deployment was stored (ISO): a replay's clock starts then. */
  startedAt: string;
  replay: { from: number; speed: number } | null;
  /** Open time of the last bar the strategy saw; null before any. */
  lastBarTime: number | null;
}

/**
 * When (wall clock, epoch ms) the bar after the last one seen closes and reaches the strategy. Bars
 * are stamped with their open time, so the next one opens a timeframe after the last and closes a
 * timeframe later. A replay runs its clock from `replay.from` at `speed`× from `startedAt` until it
 * catches up with real time, then runs live: the bar is due at whichever comes later.
 * @example nextBarDue({ timeframe: '1m', startedAt, replay: null, lastBarTime: t }) // t + 120_000
 */
export function nextBarDue(input: NextBarInput, now: number): number {
  const step = TIMEFRAME_MS[input.timeframe];
  const closes = input.lastBarTime === null ? Math.floor(now / step) * step + step : input.lastBarTime + 2 * step;
  if (!input.replay) return closes;
  const replayed = Date.parse(input.startedAt) + (closes - input.replay.from) / input.replay.speed;
  return Math.max(replayed, closes);
}

/** "in 42 s", "in 3 min 5 s", "in 2 h 10 min", or "overdue by …" once it has passed. */
export function dueIn(due: number, now: number): string {
  const late = due < now;
  const seconds = Math.round(Math.abs(due - now) / 1000);
  const text =
    seconds < 60
      ? `${seconds} s`
      : seconds < 3600
        ? `${Math.floor(seconds / 60)} min ${seconds % 60} s`
        : `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return late ? `overdue by ${text}` : `in ${text}`;
}
