import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ServerProcess, startServerProcess } from '@nautilus/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, NautilusApiError, type NautilusClient } from './index.ts';

const ADMIN_PASSWORD = 'typescript client admin password';
const SMA_CROSSOVER = readFileSync(new URL('../../../runtime/examples/sma-crossover.ts', import.meta.url), 'utf8');
const market = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL', timeframe: '1d' } as const;

/** Caught from `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

// The real server process on the embedded database (PGlite), called over HTTP as a program would.
describe('@nautilus/client against the server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-ts-client-'));
  let server: ServerProcess | undefined;
  let client: NautilusClient;
  let strategyId: string;
  let apiKey: string;

  beforeAll(async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const admin = createClient({ baseUrl: server.url });
    await admin.login('admin', ADMIN_PASSWORD);
    apiKey = (await admin.apiKeys.create({ name: 'typescript client test' })).key;
    client = createClient({ baseUrl: `${server.url}/`, apiKey });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in with a password and keeps the session cookie until logout', async () => {
    const session = createClient({ baseUrl: server!.url });
    expect((await session.login('admin', ADMIN_PASSWORD)).user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(await session.auth.me()).toMatchObject({ username: 'admin', via: 'session' });
    await session.logout();
    expect(await rejection(session.auth.me())).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('acts with an API key: creates and lists dashboards', async () => {
    expect(await client.auth.me()).toMatchObject({ username: 'admin', via: 'api-key' });
    const created = await client.dashboards.create({ title: 'From the TypeScript client' });
    expect(created.version).toBe(1);
    const listed = await client.dashboards.list();
    expect(listed.map((dashboard) => dashboard.title)).toContain('From the TypeScript client');
    // The same procedure through the generic call, and a GET-served query through it with input.
    expect((await client.call('dashboards.get', { id: created.id })).document).toMatchObject({
      title: 'From the TypeScript client',
    });
  });

  it('saves a strategy, runs a backtest reporting progress and reads its metrics', async () => {
    strategyId = (await client.strategies.create({ source: SMA_CROSSOVER, message: 'from the client test' })).id;
    const progress: number[] = [];
    const run = await client.backtests.run(
      { strategyId, ...market, params: { fast: 5, slow: 20 }, range: { from: '2024-01-01', to: '2025-01-01' } },
      { onProgress: (value) => progress.push(value), intervalMs: 50 },
    );
    expect(run).toMatchObject({ status: 'done', progress: 1, symbol: 'SIM:AAPL', params: { fast: 5, slow: 20 } });
    for (const value of progress) expect(value).toBeGreaterThanOrEqual(0);
    const metrics = run.metrics!;
    expect(metrics.tradeCount).toBeGreaterThan(2);
    expect(Number.isFinite(metrics.totalReturn)).toBe(true);
    // What `backtests.get` answers later is the same run.
    expect((await client.backtests.get(run.id)).metrics).toEqual(run.metrics);
    expect((await client.backtests.list({ strategyId, limit: 5 })).map((item) => item.id)).toEqual([run.id]);
  });

  it('queries a data source', async () => {
    const answer = await client.dataSources.query({
      dataSource: market.dataSource,
      params: { symbol: 'SIM:AAPL', timeframe: '1h' },
      range: { from: '2025-03-03', to: '2025-03-08' },
    });
    const [frame] = answer.frames as { kind: string; symbol: string; time: number[] }[];
    expect(frame).toMatchObject({ kind: 'ohlcv', symbol: 'SIM:AAPL' });
    expect(frame!.time.length).toBeGreaterThan(20);
    expect(answer.range.from).toBe(Date.parse('2025-03-03'));
  });

  it('answers bad input with a NautilusApiError naming the fields', async () => {
    const error = await rejection(
      client.backtests.start({ strategyId: 'not-a-uuid', ...market, range: { from: '2024-01-01', to: '2025-01-01' } }),
    );
    expect(error).toBeInstanceOf(NautilusApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION', path: 'backtests.run' });
    expect((error as NautilusApiError).fields.map((field) => field.path)).toContain('strategyId');
    // The server's id for the request, to find the call in its log.
    expect((error as NautilusApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a call without a key with 401 UNAUTHORIZED, and a revoked key too', async () => {
    const anonymous = createClient({ baseUrl: server!.url });
    const error = await rejection(anonymous.dashboards.list());
    expect(error).toBeInstanceOf(NautilusApiError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    const wrong = createClient({ baseUrl: server!.url, apiKey: 'not-a-key' });
    expect(await rejection(wrong.dashboards.list())).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('watches a deployment as server-sent events', async () => {
    const deployed = await client.deployments.deploy({
      strategyId,
      dataSource: market.dataSource,
      symbol: 'SIM:BTCUSD',
      timeframe: '1m',
      warmupBars: 2,
      replay: { bars: 24, speed: 600 },
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('no event in 20 s')), 20_000);
    const events: { type: string }[] = [];
    for await (const event of client.deployments.watch(deployed.id, { signal: controller.signal })) {
      events.push(event as { type: string });
      if (events.length >= 2) break;
    }
    clearTimeout(timer);
    expect(events.length).toBe(2);
    for (const event of events) expect(typeof event.type).toBe('string');
    await client.deployments.stop({ id: deployed.id, reason: 'client test' });
  });

  it('runs the example: lists dashboards with an API key, runs a backtest and prints its metrics', async () => {
    const example = fileURLToPath(new URL('../examples/backtest.ts', import.meta.url));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [example], {
      env: { ...process.env, NAUTILUS_URL: server!.url, NAUTILUS_API_KEY: apiKey },
    });
    expect(stderr).toBe('');
    expect(stdout).toContain('signed in as admin (admin)');
    expect(stdout).toContain('From the TypeScript client');
    const runId = /^backtest (\S+): total return/m.exec(stdout)?.[1] as string;
    const { metrics } = await client.backtests.get(runId);
    expect(stdout).toContain(`${metrics!.tradeCount} trades`);
    expect(stdout).toContain(`total return ${(metrics!.totalReturn * 100).toFixed(2)} %`);
  });
});
