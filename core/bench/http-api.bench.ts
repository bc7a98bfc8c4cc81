import type { ServerProcess } from '../src/testing/server-process.ts';
import { sampleDocument } from '../test/harness.ts';
import { quantile } from './stats.ts';

const PASSWORD = 'benchmark password 0123';

async function call(url: string, procedure: string, input: unknown, cookie: string, method: 'GET' | 'POST'): Promise<any> {
  const headers = { 'content-type': 'application/json', cookie };
  const response =
    method === 'POST'
      ? await fetch(`${url}/trpc/${procedure}`, { method, headers, body: JSON.stringify(input) })
      : await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
  if (!response.ok) throw new Error(`${procedure}: ${body.error?.message}`);
  return body.result?.data;
}

export async function login(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

export const benchAdminEnv = { NAUTILUS_ADMIN_PASSWORD: PASSWORD };

/**
 * Sim-market bars through dataSources.query over HTTP: a month of 1-minute SIM:BTCUSD bars per
 * request (43,200 bars), each request a different month so no answer is served from a cache.
 */
export async function barsOverHttp(server: ServerProcess, cookie: string, requests = 12) {
  const latencies: number[] = [];
  let bars = 0;
  const started = performance.now();
  for (let index = 0; index < requests; index++) {
    const from = Date.UTC(2024, index, 1);
    const to = Date.UTC(2024, index + 1, 1);
    const t0 = performance.now();
    const data = await call(
      server.url,
      'dataSources.query',
      { dataSource: 'nautilus.sim-market/bars', params: { symbol: 'SIM:BTCUSD', timeframe: '1m' }, range: { from, to } },
      cookie,
      'GET',
    );
    latencies.push(performance.now() - t0);
    bars += data.frames[0].time.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { bars, barsPerSecond: bars / seconds, p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95) };
}

/** Sequential dashboards.save calls, each on the version the previous one returned. */
export async function dashboardSaves(server: ServerProcess, cookie: string, saves = 200) {
  const created = await call(server.url, 'dashboards.create', { document: sampleDocument('Bench') }, cookie, 'POST');
  let version = created.version as number;
  const latencies: number[] = [];
  for (let index = 0; index < saves; index++) {
    const t0 = performance.now();
    const saved = await call(
      server.url,
      'dashboards.save',
      { id: created.id, baseVersion: version, document: sampleDocument(`Bench ${index}`) },
      cookie,
      'POST',
    );
    latencies.push(performance.now() - t0);
    version = saved.version;
  }
  return { saves, p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95), p99Ms: quantile(latencies, 0.99) };
}
