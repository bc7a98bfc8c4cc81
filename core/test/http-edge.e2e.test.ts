import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';

const ADMIN_PASSWORD = 'edge admin password 42';
const WRONG = 'edge wrong password 42';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Two loopback addresses (Linux routes all of 127.0.0.0/8 to lo): two clients as the server sees them. */
type From = '127.0.0.1' | '127.0.0.2';

/** A request over a real socket with exactly the headers given (Host included), from `from` to the server's port. */
function raw(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string; from?: From },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        localAddress: options.from ?? '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const portOf = (server: ServerProcess) => Number(new URL(server.url).port);

function login(port: number, password: string, extra: { host?: string; from?: From; headers?: Record<string, string> } = {}) {
  return raw(port, {
    path: '/trpc/auth.login',
    method: 'POST',
    from: extra.from,
    headers: { host: extra.host ?? `localhost:${port}`, 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify({ username: 'admin', password }),
  });
}

describe('the HTTP edge of the server process (default hosts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-edge-'));
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    server = await startServerProcess({
      NAUTILUS_DATA_DIR: dataDir,
      NAUTILUS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    port = portOf(server);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a DNS-rebinding page: Host and Origin both evil.example:PORT get 403 naming NAUTILUS_ALLOWED_HOSTS', async () => {
    const host = `evil.example:${port}`;
    const write = await login(port, ADMIN_PASSWORD, { host, headers: { origin: `http://${host}` } });
    expect(write.status).toBe(403);
    expect(write.headers['set-cookie']).toBeUndefined();
    expect(write.body).toContain('NAUTILUS_ALLOWED_HOSTS');
    for (const path of ['/', '/trpc/auth.me', '/metrics', '/assets/x.js']) {
      expect((await raw(port, { path, headers: { host } })).status, path).toBe(403);
    }
    expect((await raw(port, { path: '/healthz', headers: { host } })).status).toBe(200);
    // An absolute request target cannot smuggle a foreign host past the check either.
    const absolute = await raw(port, {
      path: `http://evil.example:${port}/trpc/auth.me`,
      headers: { host: `localhost:${port}` },
    });
    expect(absolute.status).toBe(403);
  });

  it('serves localhost, 127.0.0.1 and [::1]', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await raw(port, { path: '/trpc/auth.me', headers: { host } })).status, host).toBe(401);
    }
  });

  it('answers a malformed Origin 403 and a malformed session cookie 401, never 500', async () => {
    for (const origin of ['null', 'garbage', 'http://']) {
      const result = await login(port, ADMIN_PASSWORD, { headers: { origin } });
      expect(result.status, origin).toBe(403);
    }
    const me = await raw(port, { path: '/trpc/auth.me', headers: { host: `localhost:${port}`, cookie: 'nautilus_session=%' } });
    expect(me.status).toBe(401);
  });

  it('refuses a batch of logins before checking any password', async () => {
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: 50 }, (_, index) => [index, { username: 'admin', password: WRONG }])),
    );
    const result = await raw(port, {
      path: `/trpc/${Array.from({ length: 50 }, () => 'auth.login').join(',')}?batch=1`,
      method: 'POST',
      headers: { host: `localhost:${port}`, 'content-type': 'application/json' },
      body,
    });
    expect(result.status).toBe(400);
    expect(result.body).toContain('auth.login cannot be batched');
    expect(server.output()).not.toContain('login locked');
  });

  it('locks out the address that guesses, by its socket address, not the owner at another address', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push(await login(port, WRONG, { from: '127.0.0.1' }));
    expect(guesses.slice(0, 3).map((guess) => guess.status)).toEqual([401, 401, 401]);
    expect(guesses[3]?.status).toBe(429);
    expect(Number(guesses[3]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // X-Forwarded-For is not believed without NAUTILUS_TRUSTED_PROXIES.
    const spoofed = await login(port, ADMIN_PASSWORD, { from: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(spoofed.status).toBe(429);
    const owner = await login(port, ADMIN_PASSWORD, { from: '127.0.0.2' });
    expect(owner.status).toBe(200);
    const lockout = server
      .output()
      .split('\n')
      .find((line) => line.includes('login locked'));
    expect(JSON.parse(lockout as string)).toMatchObject({ level: 40, username: 'admin', address: '127.0.0.1', failures: 3 });
    expect(server.output()).not.toContain(WRONG);
    expect(server.output()).not.toContain(ADMIN_PASSWORD);
  });
});

describe('the HTTP edge of the server process behind a proxy (NAUTILUS_ALLOWED_HOSTS, NAUTILUS_TRUSTED_PROXIES)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-edge-'));
  let server: ServerProcess;
  let port: number;
  beforeAll(async () => {
    server = await startServerProcess({
      NAUTILUS_DATA_DIR: dataDir,
      NAUTILUS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NAUTILUS_ALLOWED_HOSTS: 'nautilus.test',
      NAUTILUS_TRUSTED_PROXIES: '127.0.0.1',
    });
    port = portOf(server);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves only the configured host', async () => {
    expect((await raw(port, { path: '/trpc/auth.me', headers: { host: 'nautilus.test' } })).status).toBe(401);
    expect((await raw(port, { path: '/trpc/auth.me', headers: { host: `localhost:${port}` } })).status).toBe(403);
  });

  it('counts failures by the address the trusted proxy forwards', async () => {
    const via = (client: string) => ({ host: 'nautilus.test', headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 3; i++) expect((await login(port, WRONG, via('203.0.113.5'))).status).toBe(401);
    expect((await login(port, ADMIN_PASSWORD, via('203.0.113.5'))).status).toBe(429);
    expect((await login(port, ADMIN_PASSWORD, via('203.0.113.6'))).status).toBe(200);
  });
});
