import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { trpcOverHttp } from '../src/testing/trpc-over-http.ts';

/** Queries by default here: the calls below read. */
const trpc = (url: string, procedure: string, input: unknown, cookie?: string, method: 'GET' | 'POST' = 'GET') =>
  trpcOverHttp(url, procedure, input, cookie, method);

const hostile = fileURLToPath(new URL('./fixtures/hostile-plugins', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-hostile-e2e-'));
const password = 'hostile plugins e2e password';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Calls `once` back to back every `everyMs` until stopped; records each call's latency and whether it succeeded. */
function keepCalling(once: () => Promise<boolean>, everyMs: number) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      if (!(await once().catch(() => false))) failures++;
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, failures };
    },
  };
}

describe('a server with hostile plugins keeps answering everyone else', () => {
  let server: ServerProcess;
  let cookie: string;

  beforeAll(async () => {
    server = await startServerProcess({
      NAUTILUS_DATA_DIR: dataDir,
      NAUTILUS_ADMIN_PASSWORD: password,
      NAUTILUS_PLUGIN_DIRS: hostile,
      NAUTILUS_PLUGIN_CALL_TIMEOUT_MS: '500',
      NAUTILUS_PLUGIN_SETUP_TIMEOUT_MS: '3000',
      NAUTILUS_PLUGIN_MEMORY_MB: '64',
    });
    cookie = (await trpc(server.url, 'auth.login', { username: 'admin', password }, undefined, 'POST')).cookie as string;
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz (never held for a spin) and dashboard queries while plugins spin, leak, exit and crash', async () => {
    const healthy = async () => (await fetch(`${server.url}/healthz`)).status === 200;
    // The same server with quiet plugins first, for the log line: what this machine's load alone costs.
    const quietCalls = keepCalling(healthy, 20);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const quiet = percentile((await quietCalls.stop()).latencies, 0.99);
    const health = keepCalling(healthy, 20);
    const dashboard = keepCalling(async () => {
      const answer = await trpc(
        server.url,
        'dataSources.query',
        {
          dataSource: 'nautilus.sim-market/bars',
          params: { symbol: 'SIM:AAPL', timeframe: '1h' },
          range: { from: 'now-30d', to: 'now' },
        },
        cookie,
      );
      return answer.status === 200 && answer.body.result.data.frames[0].kind === 'ohlcv';
    }, 50);
    const query = (ref: string) => trpc(server.url, 'dataSources.query', { dataSource: ref, params: {} }, cookie);
    const codes = [];
    for (const ref of ['hostile.spin-query/spin', 'hostile.memory-hog/leak', 'hostile.exits/exit', 'hostile.spin-query/spin']) {
      codes.push((await query(ref)).body.error?.data?.nautilus?.code);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await query('hostile.crash-callback/crash');
    // Every plugin comes back on its own.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const list = (await trpc(server.url, 'plugins.list', undefined, cookie)).body.result.data as {
        id: string;
        state: string;
        dir: string;
      }[];
      const hostileOnes = list.filter((plugin) => plugin.dir.startsWith(hostile) && !plugin.dir.endsWith('spin-setup'));
      if (hostileOnes.length === 5 && hostileOnes.every((plugin) => plugin.state === 'active')) break;
      if (Date.now() > deadline) throw new Error(`plugins did not come back: ${JSON.stringify(hostileOnes)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const healthStats = await health.stop();
    const dashboardStats = await dashboard.stop();

    // The second spin may find the plugin still restarting from the first: PLUGIN_FAILED, "being restarted".
    const stoppedOrRestarting = expect.stringMatching(/^PLUGIN_(FAILED|TIMEOUT)$/);
    expect(codes).toEqual(['PLUGIN_TIMEOUT', stoppedOrRestarting, 'PLUGIN_FAILED', stoppedOrRestarting]);
    console.info(
      `healthz p99 ${percentile(healthStats.latencies, 0.99).toFixed(1)} ms over ${healthStats.latencies.length} calls (quiet ${quiet.toFixed(1)} ms); dashboard query p99 ${percentile(dashboardStats.latencies, 0.99).toFixed(1)} ms`,
    );
    expect(healthStats.failures).toBe(0);
    expect(healthStats.latencies.length).toBeGreaterThan(50);
    // The figure (p99 under 100 ms) is measured by `npm run bench` (isolation.bench.ts), not here: other
    // test files share the two cores, and one full run here measured 132 ms. What this asserts is the
    // class of failure: the spinning plugins never stop on their own, so code of theirs on the server's
    // thread would hold a call for good. The calls are one at a time, so the longest shows it; a
    // second is far above what this machine's load alone gives.
    expect(percentile(healthStats.latencies, 0.99)).toBeLessThan(400);
    expect(Math.max(...healthStats.latencies)).toBeLessThan(1_000);
    expect(dashboardStats.failures).toBe(0);
    expect(dashboardStats.latencies.length).toBeGreaterThan(10);
    expect(percentile(dashboardStats.latencies, 0.99)).toBeLessThan(1_000);
  }, 90_000);
});
