import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../src/testing/server-process.ts';
import { benchAdminEnv, login } from './http-api.bench.ts';
import { printTable, quantile } from './stats.ts';

export interface FloodFigures {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** Login attempts the flood sent, and how they were answered. */
  attempts: number;
  answered: Record<string, number>;
}

/** Sequential `auth.me` calls (a cheap query) for `durationMs`: the logged-in caller's latency. */
async function cheapQueries(url: string, cookie: string, durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + durationMs;
  while (performance.now() < until) {
    const t0 = performance.now();
    const response = await fetch(`${url}/trpc/auth.me`, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`auth.me answered ${response.status}`);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/**
 * Anonymous logins with ever-new usernames from loopback at `perSecond`, open loop, until `signal`
 * aborts or `durationMs` passes; at most 64 in flight, so it stays bounded however slow the server gets.
 */
async function loginFlood(url: string, perSecond: number, durationMs: number, signal: AbortSignal) {
  const answered: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let attempts = 0;
  const until = performance.now() + durationMs;
  while (!signal.aborted && performance.now() < until) {
    if (inFlight.size < 64) {
      const attempt = fetch(`${url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `flood-${attempts}`, password: 'not the password 1234' }),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          answered[response.status] = (answered[response.status] ?? 0) + 1;
        })
        .catch(() => {
          answered.error = (answered.error ?? 0) + 1;
        })
        .finally(() => inFlight.delete(attempt));
      inFlight.add(attempt);
      attempts++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
  }
  await Promise.all(inFlight);
  return { attempts, answered };
}

/**
 * A logged-in caller's p50/p99 for a cheap query against the real server process (embedded
 * database), without a flood and while `floodPerSecond` anonymous logins arrive from loopback.
 */
export async function latencyUnderLoginFlood(env: Record<string, string>, floodPerSecond: number, durationMs = 8_000) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-bench-'));
  const server = await startServerProcess({ ...benchAdminEnv, ...env, NAUTILUS_DATA_DIR: dataDir });
  try {
    const cookie = await login(server);
    await cheapQueries(server.url, cookie, 1_000); // warm-up
    const figures = async (flood: boolean): Promise<FloodFigures> => {
      const stop = new AbortController();
      const flooding = flood
        ? loginFlood(server.url, floodPerSecond, durationMs + 2_000, stop.signal)
        : Promise.resolve({ attempts: 0, answered: {} });
      if (flood) await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the flood build up
      const latencies = await cheapQueries(server.url, cookie, durationMs);
      stop.abort();
      const { attempts, answered } = await flooding;
      return { samples: latencies.length, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), attempts, answered };
    };
    return { baseline: await figures(false), flood: await figures(true) };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const FLOOD_PER_SECOND = 40;

/** The login limits the figure is taken under: the defaults, the instance limit alone (a flood from many addresses), none. */
const LIMITS: [string, Record<string, string>][] = [
  ['defaults (20/min/address, 5/s)', {}],
  ['instance only (5/s)', { NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: '100000' }],
  ['effectively none', { NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: '100000', NAUTILUS_LOGIN_CHECKS_PER_SECOND: '1000' }],
];

/** Prints the logged-in caller's latency without and under a login flood, for each set of limits. */
export async function printLoginFloodTable(): Promise<void> {
  const rows: string[][] = [];
  for (const [limits, env] of LIMITS) {
    const { baseline, flood } = await latencyUnderLoginFlood(env, FLOOD_PER_SECOND);
    for (const [name, figures] of [
      ['none', baseline],
      [`${FLOOD_PER_SECOND}/s`, flood],
    ] as const) {
      const checked = String(figures.answered[401] ?? 0);
      const refused = String(figures.answered[429] ?? 0);
      rows.push([limits, name, String(figures.samples), figures.p50Ms.toFixed(2), figures.p99Ms.toFixed(2), checked, refused]);
    }
  }
  printTable(
    `auth.me latency of a logged-in caller while anonymous logins with new usernames arrive from loopback (embedded database, ${FLOOD_PER_SECOND}/s for 9 s, self-stopping)`,
    ['login limits', 'flood', 'calls', 'p50 ms', 'p99 ms', 'logins checked (401)', 'refused (429)'],
    rows,
  );
}
