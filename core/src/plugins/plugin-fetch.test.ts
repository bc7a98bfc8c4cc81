import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkManifest } from './check-manifest.ts';
import { createPluginFetch, retryAfterMs } from './plugin-fetch.ts';

/** What the loopback provider answers, one script per path: each request takes the next step (the last repeats). */
type Step = { status: number; headers?: Record<string, string>; body?: string } | 'hang-up';
const scripts = new Map<string, Step[]>();
const arrivals: { path: string; method: string; at: number }[] = [];

describe('ctx.fetch: rate limits and retries, enforced by the host', () => {
  let server: Server;
  let base: string;
  let host: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      arrivals.push({ path, method: request.method ?? 'GET', at: performance.now() });
      const steps = scripts.get(path) ?? [{ status: 200, body: 'ok' }];
      const step = steps.length > 1 ? steps.shift()! : steps[0]!;
      if (step === 'hang-up') {
        request.socket.destroy();
        return;
      }
      response.writeHead(step.status, step.headers);
      response.end(step.body ?? String(step.status));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    base = `http://${host}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    scripts.clear();
    arrivals.length = 0;
  });

  const plugin = (rateLimits?: { host: string; requests: number; perSeconds: number }[], timeoutMs = 5_000) =>
    createPluginFetch('test.fetch', { network: [host], rateLimits }, timeoutMs);

  it('holds a burst of parallel requests to the declared rate: never more than 2 in any 300 ms', async () => {
    const fetch = plugin([{ host, requests: 2, perSeconds: 0.3 }]);
    const answers = await Promise.all(Array.from({ length: 7 }, (_, index) => fetch(`${base}/burst/${index}`)));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(7).fill(200));
    const times = arrivals.map((arrival) => arrival.at).sort((a, b) => a - b);
    // Requests leave at least 316 ms apart (the window and its slack); on arrival a loaded machine may
    // have shifted one by a few tens of milliseconds.
    for (let index = 2; index < times.length; index++) expect(times[index]! - times[index - 2]!).toBeGreaterThanOrEqual(260);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2 * 316 - 40);
  });

  it('limits only the host a rule names', async () => {
    const fetch = createPluginFetch(
      'test.fetch',
      { network: [host, 'localhost:1'], rateLimits: [{ host: 'localhost:1', requests: 1, perSeconds: 10 }] },
      5_000,
    );
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/free`)));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('waits as long as a 429 says in Retry-After, then returns the answer that came through', async () => {
    scripts.set('/throttled', [
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: 'data' },
    ]);
    const answer = await plugin()(`${base}/throttled`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('data');
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('retries 5xx with a back-off (3 attempts in all) and a 429 without Retry-After too', async () => {
    scripts.set('/flaky', [{ status: 503 }, { status: 502 }, { status: 200, body: 'finally' }]);
    expect(await (await plugin()(`${base}/flaky`)).text()).toBe('finally');
    scripts.set('/busy', [{ status: 429 }, { status: 200, body: 'served' }]);
    expect(await (await plugin()(`${base}/busy`)).text()).toBe('served');
    expect(arrivals.map((arrival) => arrival.path)).toEqual(['/flaky', '/flaky', '/flaky', '/busy', '/busy']);
  });

  it('gives up after 3 attempts and returns the last answer for the plugin to report', async () => {
    scripts.set('/down', [{ status: 503, body: 'still down' }]);
    const answer = await plugin()(`${base}/down`);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe('still down');
    expect(arrivals).toHaveLength(3);
  });

  it('retries a connection the provider drops, and never retries a POST', async () => {
    scripts.set('/drop', ['hang-up', { status: 200, body: 'reconnected' }]);
    expect(await (await plugin()(`${base}/drop`)).text()).toBe('reconnected');
    scripts.set('/order', [{ status: 503 }, { status: 200 }]);
    expect((await plugin()(`${base}/order`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect(arrivals.filter((arrival) => arrival.path === '/order')).toHaveLength(1);
  });

  it('answers at once when Retry-After asks for longer than the call may take', async () => {
    scripts.set('/quota', [{ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 }]);
    const started = performance.now();
    const answer = await plugin(undefined, 2_000)(`${base}/quota`);
    expect(answer.status).toBe(429);
    // "At once": well under the 2 s the call may take, with room for a busy machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(arrivals).toHaveLength(1);
  });

  it('counts retries against the rate limit too', async () => {
    scripts.set('/limited', [{ status: 503 }, { status: 200 }]);
    const fetch = plugin([{ host, requests: 1, perSeconds: 0.4 }]);
    expect((await fetch(`${base}/limited`)).status).toBe(200);
    // The window with its slack is 418 ms between sends; arriving, the first may have been late by some jitter.
    expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(360);
  });

  it('answers RATE_LIMITED at once, without sending, when the declared quota is used up for longer than the call may wait', async () => {
    const fetch = plugin([{ host, requests: 1, perSeconds: 60 }], 2_000);
    expect((await fetch(`${base}/quota-1`)).status).toBe(200);
    const started = performance.now();
    const refused = await fetch(`${base}/quota-2`).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', plugin: 'test.fetch', details: { host } });
    expect((refused as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(55);
    expect((refused as Error).message).toMatch(/has used its 1 requests per 60 s to 127\.0\.0\.1:\d+/);
    // "At once": well under the 2 s the call may wait, with room for a busy machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(arrivals.map((arrival) => arrival.path)).toEqual(['/quota-1']);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(Date.parse('2026-01-01T00:00:10Z')).toUTCString(), Date.parse('2026-01-01T00:00:00Z'))).toBe(
      10_000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('refuses a manifest whose rate limit names a host it does not declare', () => {
    const manifest = {
      id: 'test.limits',
      name: 'limits',
      version: '1.0.0',
      engine: '*',
      description: 'd',
      contributes: {},
      permissions: {
        network: ['api.example.com'],
        secrets: [],
        rateLimits: [{ host: 'other.example.com', requests: 2, perSeconds: 1 }],
      },
    };
    expect(() => checkManifest(manifest, '0.1.0', 'here')).toThrow(
      /manifest\.permissions\.rateLimits\[0\]\.host: 'other\.example\.com' is not in permissions\.network/,
    );
    const zero = {
      ...manifest,
      permissions: { ...manifest.permissions, rateLimits: [{ host: 'api.example.com', requests: 0, perSeconds: 1 }] },
    };
    expect(() => checkManifest(zero, '0.1.0', 'here')).toThrow(/rateLimits\/0\/requests|rateLimits\[0\]\.requests/);
  });
});
