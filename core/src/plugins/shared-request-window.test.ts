import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, skipRedis } from '../../test/redis.ts';
import { createPluginFetch } from './plugin-fetch.ts';
import { WindowFull } from './request-window.ts';
import { createSharedRequestWindow } from './shared-request-window.ts';

/** Most arrivals inside any window of `windowMs`. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0; start < sorted.length; start++) {
    let end = start;
    while (end < sorted.length && (sorted[end] as number) - (sorted[start] as number) < windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

describe.skipIf(skipRedis)('rate limits shared by instances over Redis', () => {
  let server: Server;
  let port: number;
  const arrivals: number[] = [];
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = createServer((_request, response) => {
      arrivals.push(performance.now());
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** One server instance's ctx.fetch: its own Redis connection, the same provider quota. */
  function instance(key: string) {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return createPluginFetch(
      'test.shared',
      { network: [`127.0.0.1:${port}`], rateLimits: [{ host: '127.0.0.1', requests: 3, perSeconds: 0.4 }] },
      10_000,
      {
        windowFor: (_rule, requests, windowMs) =>
          createSharedRequestWindow(redis, key, requests, windowMs, (error) => {
            throw error;
          }),
      },
    );
  }

  it('lets two instances together send no more than the declared 3 requests per 400 ms under a parallel burst', async () => {
    const key = `test-${process.pid}-${Date.now()}`;
    const a = instance(key);
    const b = instance(key);
    arrivals.length = 0;
    const url = `http://127.0.0.1:${port}/`;
    const answers = await Promise.all([...Array.from({ length: 6 }, () => a(url)), ...Array.from({ length: 6 }, () => b(url))]);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(arrivals).toHaveLength(12);
    // 12 requests at 3 per 400 ms need at least three full windows; each instance alone would allow 6 per window.
    // Arrival times carry network jitter, so the window checked (300 ms) is shorter than the limit's 418 ms (400 ms and the host's slack).
    expect(busiestWindow(arrivals, 300)).toBeLessThanOrEqual(3);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(1150);
  });

  it('answers RATE_LIMITED at once when the shared quota cannot admit a request before the timeout', async () => {
    const key = `test-full-${process.pid}-${Date.now()}`;
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    const window = createSharedRequestWindow(redis, key, 1, 60_000, () => {});
    await window.acquire();
    const started = Date.now();
    await expect(window.acquire(undefined, Date.now() + 1_000)).rejects.toBeInstanceOf(WindowFull);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("falls back to the instance's own window when Redis is unreachable, and says so", async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => {});
    const fallbacks: unknown[] = [];
    const window = createSharedRequestWindow(dead, 'dead', 1, 300, (error) => fallbacks.push(error));
    const started = performance.now();
    await window.acquire();
    await window.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(fallbacks.length).toBe(2);
    dead.disconnect();
  });
});
