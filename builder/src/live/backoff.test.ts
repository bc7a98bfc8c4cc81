import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt: 500, 1000, 2000, 4000 ms at the top of the jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits less than half the ceiling, whatever the random draw', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0))).toEqual([250, 500, 1000, 2000]);
  });

  it('stops growing at maxMs, even after very many attempts', () => {
    expect(backoffDelay(7, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
    expect(backoffDelay(1_000, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
    expect(backoffDelay(1_000, DEFAULT_BACKOFF, () => 0)).toBe(15_000);
  });

  it('spreads clients out: different draws give different waits within the band', () => {
    const waits = [0.1, 0.4, 0.9].map((draw) => backoffDelay(5, { baseMs: 1000, maxMs: 60_000 }, () => draw));
    // Ceiling 16 s: 8 s plus 0.1, 0.4 and 0.9 of 8 s.
    expect(waits).toEqual([8_800, 11_200, 15_200]);
  });
});
