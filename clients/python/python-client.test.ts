import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../core/src/testing/server-process.ts';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const ADMIN_PASSWORD = 'python client admin password';

/** Runs the system python3 (the client is standard library only) with the server's URL and key in its environment. */
async function python(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('python3', args, { cwd: here, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A script run with `python3 -c`: prints one JSON line per result. */
const CHECKS = `
import json, os
from nautilus_client import Client, NautilusApiError, query_string, server_sent_events

url = os.environ["NAUTILUS_URL"]
out = {}
try:
    Client(url).list_dashboards()
except NautilusApiError as error:
    out["anonymous"] = {"status": error.status, "code": error.code, "request_id": bool(error.request_id) and len(error.request_id) == 36}
client = Client(url, api_key=os.environ["NAUTILUS_API_KEY"])
try:
    client.run_backtest("not-a-uuid", "nautilus.sim-market/bars", "SIM:AAPL", "1d", {"from": "2024-01-01", "to": "garbage"})
except NautilusApiError as error:
    out["invalid"] = {"status": error.status, "code": error.code, "fields": sorted(f["path"] for f in error.fields)}
answer = client.query_data("nautilus.sim-market/bars", {"symbol": "SIM:AAPL", "timeframe": "1h"}, {"from": "2025-03-03", "to": "2025-03-08"})
frame = answer["frames"][0]
out["query"] = {"kind": frame["kind"], "symbol": frame["symbol"], "bars": len(frame["time"]), "from": answer["range"]["from"]}
out["me"] = client.me()["via"]
out["query_string"] = query_string({"id": "a b", "range": {"from": "now-7d"}, "limit": 5, "skip": None})
out["sse"] = list(server_sent_events(iter([b'data: {"a": 1}\\n', b"\\n", b": ping\\n", b"\\n", b"event: status\\r\\n", b"data: [1,\\n", b"data: 2]\\n", b"\\n"])))
print(json.dumps(out))
`;

// The real server process on the embedded database (PGlite); the Python client reaches it over HTTP.
describe('the Python client against the server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-py-client-'));
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  let cookie = '';

  /** A call through the HTTP API as the admin, for setting up and checking what the script did. */
  async function api(path: string, input: unknown): Promise<any> {
    const response = await fetch(`${server!.url}/api/v1/${path.replace('.', '/')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir, NAUTILUS_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.getSetCookie().find((line) => line.startsWith('nautilus_session=')) ?? '').split(';')[0]!;
    const { key } = await api('apiKeys.create', { name: 'python client test' });
    await api('dashboards.create', { title: 'Seen from Python' });
    env = { NAUTILUS_URL: server.url, NAUTILUS_API_KEY: key };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the example: lists dashboards with an API key, runs a backtest and prints its metrics', async () => {
    const { code, stdout, stderr } = await python(['examples/backtest.py'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('signed in as admin (admin) with an API key');
    expect(stdout).toContain('dashboards (1): Seen from Python');
    const runId = /backtest (\S+): done/.exec(stdout)?.[1];
    expect(runId).toBeDefined();
    // The metrics printed are the stored run's, read here over HTTP.
    const stored = await api('backtests.get', { id: runId });
    expect(stored).toMatchObject({ status: 'done', symbol: 'SIM:AAPL', params: { fast: 5, slow: 20 } });
    expect(stored.metrics.tradeCount).toBeGreaterThan(2);
    for (const name of ['totalReturn', 'sharpe', 'maxDrawdown', 'tradeCount']) {
      const printed = new RegExp(`^${name} +(\\S+)$`, 'm').exec(stdout)?.[1];
      expect(printed === 'None' ? null : Number(printed)).toBe(stored.metrics[name]);
    }
    const strategyId = /^strategy (\S+)$/m.exec(stdout)?.[1];
    expect((await api('strategies.get', { id: strategyId })).name).toBe('SMA crossover (Python example)');
  });

  it('raises NautilusApiError for a missing key (401) and bad input (fields named); queries data', async () => {
    const { code, stdout, stderr } = await python(['-c', CHECKS], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.anonymous).toEqual({ status: 401, code: 'UNAUTHORIZED', request_id: true });
    expect(out.invalid.status).toBe(400);
    expect(out.invalid.code).toBe('VALIDATION');
    expect(out.invalid.fields).toContain('strategyId');
    expect(out.query).toMatchObject({ kind: 'ohlcv', symbol: 'SIM:AAPL', from: Date.parse('2025-03-03') });
    expect(out.query.bars).toBeGreaterThan(20);
    expect(out.me).toBe('api-key');
    expect(out.query_string).toBe('?id=a+b&range=%7B%22from%22%3A+%22now-7d%22%7D&limit=5');
    expect(out.sse).toEqual([
      { event: 'message', data: { a: 1 } },
      { event: 'status', data: [1, 2] },
    ]);
  });
});
