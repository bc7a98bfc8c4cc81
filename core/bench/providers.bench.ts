import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from '../src/testing/server-process.ts';
import type { dialects } from '../test/databases.ts';
import { openHarness } from '../test/harness.ts';
import { quantile } from './stats.ts';

async function query(url: string, cookie: string, input: unknown): Promise<any> {
  const response = await fetch(`${url}/trpc/dataSources.query?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie },
  });
  const body = (await response.json()) as { result?: { data: any }; error?: { message: string } };
  if (!response.ok) throw new Error(`dataSources.query: ${body.error?.message}`);
  return body.result?.data;
}

const YEAR = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) };

/**
 * A year of 1-minute SIM:BTCUSD bars (527,040) per request over HTTP, from sim-market directly
 * (generated) and through nautilus.core/bars once its cache holds them (read from the database),
 * alternating, in the same server. The first core/bars request fills the cache and is timed apart.
 */
export async function cacheVersusSimMarket(server: ServerProcess, cookie: string, rounds = 3) {
  const sim = {
    dataSource: 'nautilus.sim-market/bars',
    params: { symbol: 'SIM:BTCUSD', timeframe: '1m' },
    range: YEAR,
    maxPoints: 1_000_000,
  };
  const cached = { ...sim, dataSource: 'nautilus.core/bars' };
  let t0 = performance.now();
  const filled = await query(server.url, cookie, cached);
  const fillMs = performance.now() - t0;
  const bars = filled.frames[0].time.length as number;
  const simMs: number[] = [];
  const cacheMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    t0 = performance.now();
    const fromSim = await query(server.url, cookie, sim);
    simMs.push(performance.now() - t0);
    t0 = performance.now();
    const fromCache = await query(server.url, cookie, cached);
    cacheMs.push(performance.now() - t0);
    if (fromSim.frames[0].time.length !== bars || fromCache.frames[0].time.length !== bars) throw new Error('bar counts differ');
    if (!fromCache.frames[0].provenance.sources.every((stretch: { cached: boolean }) => stretch.cached))
      throw new Error('not from the cache');
  }
  const median = (samples: number[]) => quantile(samples, 0.5);
  return {
    bars,
    fillMs,
    simBarsPerSecond: bars / (median(simMs) / 1000),
    cacheBarsPerSecond: bars / (median(cacheMs) / 1000),
  };
}

/** A loopback stand-in for Yahoo answering every chart request with the recorded AAPL answer; `handlerMs` is its own time per request. */
export async function startYahooLoopback(): Promise<{ server: Server; baseUrl: string; handlerMs: number[] }> {
  const body = readFileSync(
    new URL('../../plugins/yahoo/test/fixtures/v8-chart-AAPL-1d-2020-01-01_2020-01-03.json', import.meta.url),
  );
  const handlerMs: number[] = [];
  const server = createServer((_request, response) => {
    const t0 = performance.now();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body, () => handlerMs.push(performance.now() - t0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handlerMs };
}

/**
 * Cold queries through the Yahoo plugin (no cache in the path: nautilus.yahoo/bars directly) against
 * the loopback server, paced under Yahoo's declared 2 requests a second so the rate limit never holds
 * one back. Beside them, the same request straight to the loopback server from this process: the
 * difference is what Nautilus adds (HTTP API, auth, schema checks, plugin host, ctx.fetch with its
 * limits, the plugin's parsing and validation, frame checks, JSON out). A bare HTTP round trip to the
 * server (`/healthz`) is timed too: on this machine kind that alone is about 3 ms, a cost of the
 * loopback network every HTTP service pays, so the overhead is given with and without it.
 */
export async function providerOverhead(server: ServerProcess, cookie: string, loopbackUrl: string, requests = 40) {
  const input = {
    dataSource: 'nautilus.yahoo/bars',
    params: { symbol: 'AAPL', timeframe: '1d' },
    range: { from: '2020-01-01', to: '2020-01-03' },
  };
  const through: number[] = [];
  const direct: number[] = [];
  const bare: number[] = [];
  for (let index = 0; index < requests; index++) {
    const t0 = performance.now();
    const answer = await query(server.url, cookie, input);
    through.push(performance.now() - t0);
    if (answer.frames[0].time.length !== 1) throw new Error('unexpected answer');
    const t1 = performance.now();
    await (await fetch(`${loopbackUrl}/v8/finance/chart/AAPL?interval=1d`)).json();
    direct.push(performance.now() - t1);
    const t2 = performance.now();
    await (await fetch(`${server.url}/healthz`)).text();
    bare.push(performance.now() - t2);
    await new Promise((resolve) => setTimeout(resolve, 520));
  }
  const q = (samples: number[], at: number) => quantile(samples, at);
  return {
    requests,
    throughP50Ms: q(through, 0.5),
    throughP95Ms: q(through, 0.95),
    directP50Ms: q(direct, 0.5),
    directP95Ms: q(direct, 0.95),
    bareP50Ms: q(bare, 0.5),
    bareP95Ms: q(bare, 0.95),
    overheadP50Ms: q(through, 0.5) - q(direct, 0.5),
    overheadP95Ms: q(through, 0.95) - q(direct, 0.95),
    processingP50Ms: q(through, 0.5) - q(direct, 0.5) - q(bare, 0.5),
    processingP95Ms: q(through, 0.95) - q(direct, 0.95) - q(bare, 0.95),
  };
}

/**
 * The provider path alone, in this process: `host.query('nautilus.yahoo/bars')` (schema check, plugin,
 * ctx.fetch with its allow-list, rate limits and timeout, the plugin's parsing, frame checks) against
 * the same loopback request made with plain fetch, paced as above. No HTTP API or session in the way.
 */
export async function providerPathInProcess(dialect: (typeof dialects)[number], loopbackUrl: string, requests = 30) {
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-inproc-'));
  writeFileSync(join(dir, 'plugins.json'), JSON.stringify({ 'nautilus.yahoo': { baseUrl: loopbackUrl } }));
  const database = await dialect.create();
  const api = await openHarness(database, { plugins: 'first-party', env: { NAUTILUS_PLUGIN_CONFIG: join(dir, 'plugins.json') } });
  const query = {
    params: { symbol: 'AAPL', timeframe: '1d' },
    range: { from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 3) },
    maxPoints: 100,
  };
  const host: number[] = [];
  const direct: number[] = [];
  try {
    for (let index = 0; index < requests; index++) {
      let t0 = performance.now();
      await api.services.plugins.query('nautilus.yahoo/bars', query);
      host.push(performance.now() - t0);
      t0 = performance.now();
      await (await fetch(`${loopbackUrl}/v8/finance/chart/AAPL?interval=1d`)).json();
      direct.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 520));
    }
  } finally {
    await api.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    hostP50Ms: quantile(host, 0.5),
    hostP95Ms: quantile(host, 0.95),
    directP50Ms: quantile(direct, 0.5),
    directP95Ms: quantile(direct, 0.95),
  };
}
