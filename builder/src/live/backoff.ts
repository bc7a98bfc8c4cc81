/** How long to wait before reconnect attempt number `attempt` (1 for the first retry). */
export interface BackoffOptions {
  /** The first retry waits up to this long (ms). */
  baseMs: number;
  /** No wait is longer than this (ms). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Exponential back-off with "equal jitter": the ceiling doubles per attempt up to `maxMs`, and the wait
 * is half the ceiling plus a random part of the other half. Every client retries at a different moment
 * (a restarted instance is not hit by all its tabs at once), yet none retries sooner than half the ceiling.
 * @example backoffDelay(3, DEFAULT_BACKOFF, () => 0.5) // 1500: ceiling 2000, 1000 + 0.5 × 1000
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(30, Math.floor(attempt) - 1));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const half = ceiling / 2;
  return Math.round(half + half * Math.min(1, Math.max(0, random())));
}
