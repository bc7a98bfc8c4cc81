import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness, PASSWORD } from '../../test/harness.ts';

const pglite = dialects.find((dialect) => dialect.name === 'pglite') as (typeof dialects)[number];
const LOGIN = JSON.stringify({ username: 'admin', password: PASSWORD });

/** Every kind of route the app serves, each answered 403 for a foreign Host. */
const ROUTES: [string, RequestInit][] = [
  ['/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOGIN }],
  ['/trpc/auth.me', {}],
  ['/trpc/dashboards.list,auth.me?batch=1&input=%7B%7D', {}],
  ['/', {}],
  ['/index.html', {}],
  ['/assets/app.js', {}],
  ['/plugins/nautilus.widgets-core/index.js', {}],
  ['/metrics', {}],
  ['/d/some-dashboard', {}],
];

describe('the HTTP edge, in process', () => {
  let database: TestDatabase;
  let api: Harness;
  let admin: Auth;
  beforeAll(async () => {
    database = await pglite.create();
    api = await openHarness(database);
    admin = await api.loginAs('admin');
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const withHost = (host: string, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as object), host } });

  it('answers 403 naming NAUTILUS_ALLOWED_HOSTS to every route but /healthz when Host is foreign', async () => {
    const checks = async () =>
      (await api.services.metrics.passwordChecks.get()).values.reduce((sum, value) => sum + value.value, 0);
    const before = await checks();
    for (const [path, init] of ROUTES) {
      for (const host of ['evil.example:3000', 'evil.example', 'localhost.evil.example', '127.0.0.1.nip.io']) {
        const response = await api.request(
          path,
          withHost(host, { ...init, headers: { ...(init.headers as object), origin: `http://${host}` } }),
        );
        expect(response.status, `${host} ${path}`).toBe(403);
        const text = await response.text();
        expect(text).toContain('NAUTILUS_ALLOWED_HOSTS');
        expect(text).toContain(`'${host.replace(/:\d+$/, '')}'`);
      }
    }
    expect(await checks()).toBe(before);
    expect((await api.request('/healthz', withHost('evil.example'))).status).toBe(200);
  });

  it('refuses a malformed Host header, and an absolute request URL naming a foreign host', async () => {
    for (const host of ['', 'evil.example/@127.0.0.1', '127.0.0.1@evil.example', 'a b', '[::1', 'localhost:port']) {
      const result = await api.request('/trpc/auth.me', withHost(host));
      expect(result.status, host).toBe(403);
    }
    const app = (await import('./app.ts')).createApp(api.services);
    expect((await app.request('http://evil.example/trpc/auth.me')).status).toBe(403);
    expect((await app.request('http://evil.example/trpc/auth.me', { headers: { host: 'localhost' } })).status).toBe(403);
  });

  it('serves localhost, 127.0.0.1 and [::1] on any port', async () => {
    for (const host of [
      'localhost',
      'localhost:3000',
      'LOCALHOST:8080',
      '127.0.0.1:3000',
      '127.0.0.1',
      '[::1]:3000',
      'localhost.',
    ]) {
      const result = await api.request('/trpc/auth.me', { headers: { host, cookie: admin.cookie as string } });
      expect(result.status, host).toBe(200);
    }
  });

  it('answers a write with a malformed Origin 403, never 500', async () => {
    for (const origin of [
      'null',
      'garbage',
      'http://',
      '',
      'http://[',
      'http://127.0.0.1:99999',
      'file://',
      '%',
      'http://127.0.0.1/x',
    ]) {
      for (const path of ['/trpc/auth.login', '/trpc/dashboards.create', '/trpc/auth.logout', '/trpc/no.such.procedure']) {
        const result = await api.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin, cookie: admin.cookie as string },
          body: path === '/trpc/auth.login' ? LOGIN : JSON.stringify({ title: 'x' }),
        });
        expect(result.status, `${origin} ${path}`).toBe(403);
      }
    }
    // Reads do not depend on Origin.
    const read = await api.request('/trpc/auth.me', { headers: { origin: 'null', cookie: admin.cookie as string } });
    expect(read.status).toBe(200);
  });

  it('treats a malformed session cookie as no session, on every route that reads it', async () => {
    for (const cookie of [
      'nautilus_session=%',
      'nautilus_session=%E0%A4%A',
      'nautilus_session=%zz; theme=dark',
      'nautilus_session=',
    ]) {
      const me = await api.call('auth.me', undefined, { cookie });
      expect(me.status, cookie).toBe(401);
      expect(me.error.data.nautilus.code).toBe('UNAUTHORIZED');
      expect((await api.call('auth.logout', undefined, { cookie })).status).toBe(200);
      expect((await api.request('/metrics', { headers: { cookie } })).status).toBe(401);
      expect((await api.request('/plugins/nautilus.widgets-core/index.js', { headers: { cookie } })).status).toBe(401);
      expect(
        (
          await api.request('/trpc/auth.login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: LOGIN,
          })
        ).status,
      ).toBe(200);
      expect([200, 503]).toContain((await api.request('/', { headers: { cookie } })).status);
    }
    // A malformed cookie of another name does not hide a good session.
    const me = await api.call('auth.me', undefined, { cookie: `theme=%; ${admin.cookie}` });
    expect(me.status).toBe(200);
  });
});

describe('the HTTP edge with NAUTILUS_ALLOWED_HOSTS set', () => {
  let database: TestDatabase;
  let api: Harness;
  beforeAll(async () => {
    database = await pglite.create();
    api = await openHarness(database, { env: { NAUTILUS_ALLOWED_HOSTS: 'nautilus.test,.corp.example,127.0.0.1' } });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('serves exactly the configured names (and subdomains of a leading-dot entry)', async () => {
    const status = async (host: string) => (await api.request('/trpc/auth.me', { headers: { host } })).status;
    expect(await status('nautilus.test:8443')).toBe(401);
    expect(await status('desk.corp.example')).toBe(401);
    expect(await status('corp.example')).toBe(401);
    expect(await status('localhost:3000')).toBe(403);
    expect(await status('evilcorp.example')).toBe(403);
  });
});
