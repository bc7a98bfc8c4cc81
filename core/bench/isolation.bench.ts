import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { benchAdminEnv, login } from './http-api.bench.ts';
import { quantile } from './stats.ts';

const HOSTILE = fileURLToPath(new URL('../test/fixtures/hostile-plugins', import.meta.url));
const YEAR = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) };

async function get(
  server: ServerProcess,
  cookie: string,
  procedure: string,
  input: unknown,
): Promise<{ ok: boolean; body: any }> {
  const response = await fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie },
  });
  return { ok: response.ok, body: await response.json() };
}

async function start(isolation: 'third-party' | 'all', dataDir: string): Promise<{ server: ServerProcess; cookie: string }> {
  const server = await startServerProcess(
    {
      ...benchAdminEnv,
      NAUTILUS_DATA_DIR: dataDir,
      NAUTILUS_PLUGIN_ISOLATION: isolation,
      NAUTILUS_PLUGIN_DIRS: HOSTILE,
      NAUTILUS_PLUGIN_CALL_TIMEOUT_MS: '1000',
      NAUTILUS_MAX_QUERY_POINTS: '1000000',
    },
    90_000,
  );
  return { server, cookie: await login(server) };
}

/**
 * The same data-source request over HTTP to two servers started side by side: one runs sim-market in
 * its own process (NAUTILUS_PLUGIN_ISOLATION=all), the other in the server's (the figure before
 * isolation), alternating, a year of 1m SIM:BTCUSD bars (527,040) per request; then /healthz p99
 * on the isolated server while a hostile plugin keeps its process's CPU busy, against a quiet baseline.
 */
export async function isolationFigures(rounds = 4) {
  const dirs = [mkdtempSync(join(tmpdir(), 'nautilus-bench-iso-a-')), mkdtempSync(join(tmpdir(), 'nautilus-bench-iso-b-'))];
  const inProcess = await start('third-party', dirs[0] as string);
  const isolated = await start('all', dirs[1] as string);
  try {
    const request = {
      dataSource: 'nautilus.sim-market/bars',
      params: { symbol: 'SIM:BTCUSD', timeframe: '1m' },
      range: YEAR,
      maxPoints: 1_000_000,
    };
    const timed = async (target: { server: ServerProcess; cookie: string }) => {
      const started = performance.now();
      const answer = await get(target.server, target.cookie, 'dataSources.query', request);
      if (!answer.ok) throw new Error(`query failed: ${JSON.stringify(answer.body).slice(0, 300)}`);
      return { ms: performance.now() - started, bars: answer.body.result.data.frames[0].time.length as number };
    };
    // One warm-up each (module and JIT), then alternate.
    await timed(inProcess);
    const { bars } = await timed(isolated);
    const inProcessMs: number[] = [];
    const isolatedMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      inProcessMs.push((await timed(inProcess)).ms);
      isolatedMs.push((await timed(isolated)).ms);
    }
    const quiet = await healthLatencies(isolated.server, 3_000);
    // The plugin's process is kept at 100% CPU: each query spins for 800 ms, one after another.
    let spinning = true;
    const spinner = (async () => {
      let spins = 0;
      while (spinning) {
        const answer = await get(isolated.server, isolated.cookie, 'dataSources.query', {
          dataSource: 'hostile.spin-query/busy',
          params: {},
        });
        if (answer.ok) spins++;
      }
      return spins;
    })();
    const busy = await healthLatencies(isolated.server, 8_000);
    spinning = false;
    const spins = await spinner;
    const median = (samples: number[]) => quantile(samples, 0.5);
    return {
      bars,
      inProcessBarsPerSecond: bars / (median(inProcessMs) / 1000),
      isolatedBarsPerSecond: bars / (median(isolatedMs) / 1000),
      quietHealthP99: quantile(quiet, 0.99),
      spinningHealthP99: quantile(busy, 0.99),
      spinningHealthMax: Math.max(...busy),
      healthChecks: busy.length,
      spins,
    };
  } finally {
    await inProcess.server.stop();
    await isolated.server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** /healthz latencies, one request after another (20 ms apart) for `ms`. */
async function healthLatencies(server: ServerProcess, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const started = performance.now();
    const response = await fetch(`${server.url}/healthz`);
    await response.body?.cancel();
    if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}
