import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { trpcOverHttp as trpc } from '../src/testing/trpc-over-http.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-e2e-'));
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('the server process, end to end', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let password = '';
  it('starts on a fresh data dir, prints a working admin password once, and serves the API', async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    password = /password: (\S+)/.exec(server.output())?.[1] ?? '';
    expect(password).toHaveLength(24);

    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const login = await trpc(server.url, 'auth.login', { username: 'admin', password });
    expect(login.status).toBe(200);
    const cookie = login.cookie as string;

    const created = await trpc(server.url, 'dashboards.create', { title: 'End to end' }, cookie);
    expect(created.body.result.data.version).toBe(1);
    const read = await trpc(server.url, 'dashboards.get', { id: created.body.result.data.id }, cookie, 'GET');
    expect(read.body.result.data.document).toMatchObject({ schemaVersion: 1, title: 'End to end', panels: [] });
    const list = await trpc(server.url, 'dashboards.list', {}, cookie, 'GET');
    expect(list.body.result.data.map((item: { title: string }) => item.title)).toEqual(['End to end']);

    const plugins = await trpc(server.url, 'plugins.list', undefined, cookie, 'GET');
    expect(plugins.body.result.data.find((plugin: { id: string }) => plugin.id === 'nautilus.sim-market')).toMatchObject({
      state: 'active',
      source: 'first-party',
    });
    const bars = await trpc(
      server.url,
      'dataSources.query',
      {
        dataSource: 'nautilus.sim-market/bars',
        params: { symbol: 'SIM:AAPL', timeframe: '1h' },
        range: { from: '2025-03-03', to: '2025-03-08' },
      },
      cookie,
      'GET',
    );
    const [frame] = bars.body.result.data.frames;
    expect(frame).toMatchObject({ kind: 'ohlcv', symbol: 'SIM:AAPL', timeframe: '1h' });
    expect(frame.time.length).toBeGreaterThan(20);

    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const anonymous = await page.text();
    expect(anonymous).toContain('<title>Nautilus</title>');
    expect(anonymous).not.toContain('modulepreload" href="/plugins/');
    // A signed-in user's page names the widget bundles, so they load beside the app's code.
    const signedIn = await (await fetch(`${server.url}/#/d/x`, { headers: { cookie } })).text();
    const preload = /<link rel="modulepreload" href="(\/plugins\/nautilus\.widgets-core\/[^"]+)">/.exec(signedIn);
    expect(preload).not.toBeNull();
    const bundle = await fetch(`${server.url}${preload?.[1]}`, { headers: { cookie } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');

    expect(await server.stop()).toBe(0);
  });

  it('does not create another admin on the second start, and the first password still works', async () => {
    server = await startServerProcess({ NAUTILUS_DATA_DIR: dataDir });
    expect(server.output()).not.toContain('password:');
    const login = await trpc(server.url, 'auth.login', { username: 'admin', password });
    expect(login.status).toBe(200);
    const users = await trpc(server.url, 'users.list', undefined, login.cookie, 'GET');
    expect(users.body.result.data.map((user: { username: string }) => user.username)).toEqual(['admin']);
  });

  it('refuses to open the embedded database a running server holds', () => {
    expect(() =>
      execFileSync(process.execPath, ['--no-node-snapshot', cli, 'users', 'create', 'second'], {
        env: { ...process.env, NAUTILUS_DATA_DIR: dataDir },
        stdio: 'pipe',
      }),
    ).toThrow(/is in use by process \d+/);
  });

  it('lists plugins and documents its commands from the CLI', async () => {
    await server?.stop();
    const help = execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    for (const command of ['start', 'plugins', 'users', 'apikeys']) expect(help).toContain(command);
    const plugins = execFileSync(process.execPath, ['--no-node-snapshot', cli, 'plugins', 'list'], {
      encoding: 'utf8',
      env: { ...process.env, NAUTILUS_DATA_DIR: dataDir },
    });
    expect(plugins).toMatch(/active {2}nautilus\.sim-market@\d+\.\d+\.\d+ {2}\(first-party\)/);
    const created = execFileSync(
      process.execPath,
      ['--no-node-snapshot', cli, 'apikeys', 'create', '--user', 'admin', '--name', 'cli test'],
      {
        encoding: 'utf8',
        env: { ...process.env, NAUTILUS_DATA_DIR: dataDir },
      },
    );
    expect(created).toMatch(/nau_[0-9a-f-]{36}_[\w-]{43}/);
  });
});
