import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { REDIS_URL, skipRedis } from './redis.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const THIRD_PARTY = fileURLToPath(new URL('./fixtures/third-party-plugins', import.meta.url));
const ADMIN_PASSWORD = 'bootstrap secret 5150-e2e';

// What the server is started with: every one is a secret of the server, except PROBE_TOKEN's value,
// which the probe plugin declares and so may read through ctx.secrets (and only there).
const SECRETS: Record<string, string> = {
  NAUTILUS_ADMIN_PASSWORD: ADMIN_PASSWORD,
  NAUTILUS_SECRET_PROBE_TOKEN: 'declared-token-4411',
  NAUTILUS_SECRET_VENDOR_KEY: 'undeclared-vendor-key-9932',
};

async function call(url: string, procedure: string, input: unknown, cookie = '') {
  const headers = { 'content-type': 'application/json', cookie };
  const response =
    procedure === 'auth.login'
      ? await fetch(`${url}/trpc/${procedure}`, { method: 'POST', headers, body: JSON.stringify(input) })
      : await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });
  return {
    status: response.status,
    cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '',
    body: (await response.json()) as any,
  };
}

describe('the server keeps its secrets from plugin code', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-secrets-e2e-'));
  const postgres = dialects.find((dialect) => dialect.name === 'postgres' && !dialect.skip);
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await postgres?.create();
    env = {
      ...SECRETS,
      ...(database?.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
      ...(skipRedis ? {} : { REDIS_URL: REDIS_URL }),
      NAUTILUS_DATA_DIR: dataDir,
      NAUTILUS_PLUGIN_DIRS: THIRD_PARTY,
    };
    server = await startServerProcess(env);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hides the bootstrap password, every NAUTILUS_SECRET_* and the database and Redis URLs from a plugin, in setup and in queries', async () => {
    const url = (server as ServerProcess).url;
    const login = await call(url, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const secretNames = Object.keys(env).filter((name) => name !== 'NAUTILUS_DATA_DIR' && name !== 'NAUTILUS_PLUGIN_DIRS');
    expect(secretNames).toContain('NAUTILUS_ADMIN_PASSWORD');
    // Names as `NAME=` and the values themselves, wherever they might have been copied.
    const needles = [...secretNames.map((name) => `${name}=`), ...secretNames.map((name) => env[name] as string)];
    const probe = await call(
      url,
      'dataSources.query',
      { dataSource: 'test.env-probe/probe', params: { needles }, range: { from: '2026-01-01', to: '2026-01-02' } },
      login.cookie,
    );
    expect(probe.status).toBe(200);
    const rows = Object.fromEntries(probe.body.result.data.frames[0].rows as [string, string][]);
    expect(rows).toEqual({
      setup: '',
      query: '',
      // The one secret the plugin declares still reaches it, through ctx.secrets alone.
      'ctx.secrets.get(PROBE_TOKEN)': 'declared-token-4411',
    });
  });

  it('logs, for every plugin that is not first-party, that it runs confined in a process of its own', () => {
    const lines = (server as ServerProcess)
      .output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; plugin?: string; source?: string });
    const warnings = lines.filter((line) => line.level === 40 && /is not first-party/.test(line.msg));
    expect(warnings.map((line) => line.plugin)).toEqual(['test.env-probe']);
    expect(warnings[0]?.msg).toMatch(/runs in a process of its own, confined to its folder/);
    expect(warnings[0]?.msg).toMatch(/Only install plugins you trust/);
    expect(warnings[0]?.source).toBe('extra');
  });

  it('warns in `nautilus plugins list` for each third-party plugin, and only for those, with the secrets set', async () => {
    await server?.stop();
    const output = execFileSync(process.execPath, ['--no-node-snapshot', cli, 'plugins', 'list'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    const lines = output.split('\n');
    const probe = lines.findIndex((line) => line.includes('test.env-probe@1.0.0'));
    expect(lines[probe]).toMatch(/^active {2}test\.env-probe@1\.0\.0 {2}\(extra\)/);
    expect(lines[probe + 1]).toMatch(
      /^ {8}WARNING: Plugin test\.env-probe is not first-party \(from NAUTILUS_PLUGIN_DIRS\): it runs in a process of its own/,
    );
    expect(output.match(/WARNING/g)).toHaveLength(1);
    expect(output).toMatch(/active {2}nautilus\.sim-market@\d+\.\d+\.\d+ {2}\(first-party\)/);

    const json = execFileSync(process.execPath, ['--no-node-snapshot', cli, 'plugins', 'list', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect((JSON.parse(json) as { id: string }[]).map((plugin) => plugin.id)).toContain('test.env-probe');
  }, 60_000);
});
