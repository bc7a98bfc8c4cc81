import type { Redis } from 'ioredis';
import { createRequestWindow, delay, type RequestWindow, WindowFull } from './request-window.ts';

/**
 * One sliding log in a Redis sorted set, checked and appended in one script so that instances
 * cannot both take the last place. Time is Redis's own clock, so instances whose clocks differ
 * still agree. Answers -(requests in the window, this one included) when admitted, else how many ms
 * until the oldest entry leaves the window.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  return -1 - count
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(oldest[2]) + window - now))
`;

let sequence = 0;

/**
 * A {@link RequestWindow} that every instance on the same Redis shares (key `nautilus:ratelimit:<key>`):
 * a provider's quota is per API key, not per server. Waiters of this instance still queue in arrival
 * order. Should Redis fail, the window falls back to this instance's own log (`onFallback` says so)
 * rather than stop every provider call: the limit then holds per instance.
 */
export function createSharedRequestWindow(
  redis: Redis,
  key: string,
  requests: number,
  windowMs: number,
  onFallback: (error: unknown) => void,
): RequestWindow {
  const redisKey = `nautilus:ratelimit:${key}`;
  const local = createRequestWindow(requests, windowMs);
  let queue: Promise<void> = Promise.resolve();
  /** The count the last admission saw, and when: the budget shown between admissions. */
  let seen = { count: 0, at: 0 };

  async function admit(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      let wait: number;
      try {
        const member = `${process.pid}:${Date.now()}:${sequence++}`;
        wait = Number(await redis.eval(ADMIT, 1, redisKey, String(windowMs), String(requests), member));
      } catch (error) {
        onFallback(error);
        return local.acquire(signal, deadline);
      }
      if (wait < 0) {
        seen = { count: -wait, at: Date.now() };
        return;
      }
      const nextAt = Date.now() + wait;
      if (nextAt > deadline) throw new WindowFull(nextAt);
      await delay(wait, signal);
    }
  }

  return {
    acquire(signal, deadline = Number.POSITIVE_INFINITY) {
      const turn = queue.then(() => admit(signal, deadline));
      queue = turn.catch(() => {});
      return turn;
    },
    used() {
      return Date.now() - seen.at < windowMs ? Math.max(seen.count, local.used()) : local.used();
    },
  };
}
