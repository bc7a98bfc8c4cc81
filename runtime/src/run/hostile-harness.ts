// Shared by the hostile-strategy tests: run a strategy sandboxed and watch what it costs the host.
import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { type BacktestOptions, runBacktest } from '../index.ts';
import { dailyBars } from './test-bars.ts';

export const BARS = dailyBars(20);

/** The NautilusError a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function failure(promise: Promise<unknown>): Promise<NautilusError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${typeof value}`);
    },
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw error;
  return error;
}

/** A sandboxed backtest of a strategy whose onBar body is `body`. */
export function backtest(body: string, options: Partial<BacktestOptions> = {}) {
  return runBacktest({ source: `export default defineStrategy({ onBar(ctx) {\n${body}\n} });`, bars: BARS, ...options });
}

/** A sandboxed backtest of a whole strategy file. */
export function backtestFile(source: string, options: Partial<BacktestOptions> = {}) {
  return runBacktest({ source, bars: BARS, ...options });
}

export interface Measured<T> {
  value: T | undefined;
  error: unknown;
  ms: number;
  /** Highest host RSS seen while the work ran (sampled every 10 ms), minus RSS before it, in MB. */
  peakRssGrowthMb: number;
  /** Longest gap between two host timer ticks meant to be 10 ms apart: how long the host event loop stalled. */
  longestStallMs: number;
}

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** Runs `work` while sampling the host's RSS and event-loop responsiveness. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const before = rssMb();
  let peak = before;
  let last = performance.now();
  let longestStallMs = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
    peak = Math.max(peak, rssMb());
  }, 10);
  const started = performance.now();
  let value: T | undefined;
  let error: unknown;
  try {
    value = await work();
  } catch (caught) {
    error = caught;
  }
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  return { value, error, ms: performance.now() - started, peakRssGrowthMb: peak - before, longestStallMs };
}
