import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { seededRandom } from '../../test/fuzz/seeded-random.ts';
import { type Harness, openHarness } from '../../test/harness.ts';

const WIDGETS = '/plugins/nautilus.widgets-core';

/** Paths of every plain route, and odd ones around them. */
const PATHS = [
  '/',
  '/index.html',
  '/healthz',
  '/healthz/',
  '/healthz?x=%E0%A4%A',
  '/metrics',
  '/metrics?name[]=%00',
  '/assets/app.js',
  '/assets/missing.js',
  '/assets/%E0%A4%A',
  '/assets/../../../../etc/passwd',
  '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  `${WIDGETS}/index.js`,
  `${WIDGETS}/`,
  `${WIDGETS}/%E0%A4%A`,
  `${WIDGETS}/%`,
  `${WIDGETS}/%00`,
  `${WIDGETS}/a%00b.js`,
  `${WIDGETS}/../../../package.json`,
  `${WIDGETS}/%2e%2e/%2e%2e/package.json`,
  `${WIDGETS}/..%2f..%2fpackage.json`,
  `${WIDGETS}/${'a'.repeat(5_000)}.js`,
  `${WIDGETS}/%ED%A0%80.js`,
  '/plugins/%E0%A4%A/index.js',
  '/plugins/x/%E0%A4%A',
  '/plugins//index.js',
  '/plugins/no.such-plugin/index.js',
  '/plugins/__proto__/constructor',
  '/plugins',
  '/%E0%A4%A',
  '/a%00b',
  '/..%2f..%2fetc%2fpasswd',
  '/index.html%00',
  '//',
  '/%5C%5Cserver%5Cshare',
  `/${'x'.repeat(8_000)}`,
  '/d/some-dashboard?x=%',
  '/favicon.ico',
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'X-ODD'];

/** Headers that are odd but well-formed bytes (the HTTP layer refuses the rest before the app sees them). */
const HEADERS: Record<string, string>[] = [
  {},
  { accept: '*/*;q=abc, text/html;q=-1' },
  { 'accept-encoding': 'gzip;q=0, br, zstd, deflate, identity;q=0, *;q=0' },
  { 'accept-encoding': 'x'.repeat(4_000) },
  { range: 'bytes=999999999-' },
  { range: 'bytes=-0' },
  { range: 'bytes=a-b, 5-1, 0-0' },
  { 'if-none-match': '"', 'if-modified-since': 'not a date' },
  { 'if-modified-since': 'Tue, 31 Dec 275760 00:00:00 GMT' },
  { 'content-type': 'application/json', 'content-length': '5' },
  { 'x-forwarded-for': 'not an address, 999.1.1.1, ::ffff:1.2.3.4' },
  { 'x-forwarded-proto': 'gopher' },
  { authorization: `Bearer nau_${'z'.repeat(36)}_secret` },
  { authorization: `Bearer nau_00000000-0000-0000-0000-000000000000_${'x'.repeat(43)}` },
  { authorization: `Bearer ${'x'.repeat(5_000)}` },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { cookie: 'nautilus_session=%' },
  { cookie: 'nautilus_session=%E0%A4%A; nautilus_session=x' },
  { cookie: `nautilus_session=${'x'.repeat(4_000)}` },
];

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`plain routes fuzz on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    const builderDir = mkdtempSync(join(tmpdir(), 'nautilus-builder-'));
    const roles: Record<string, Record<string, string>> = { anonymous: {} };

    beforeAll(async () => {
      // A built builder app of our own, so / answers the same whether or not builder/dist was built.
      mkdirSync(join(builderDir, 'assets'));
      writeFileSync(
        join(builderDir, 'index.html'),
        '<!doctype html><html><head><title>Nautilus</title></head><body></body></html>',
      );
      writeFileSync(join(builderDir, 'assets', 'app.js'), 'console.log(1);\n'.repeat(200));
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party', env: { NAUTILUS_BUILDER_DIR: builderDir } });
      const viewer = await api.loginAs('viewer');
      const admin = await api.loginAs('admin');
      const key = (await api.call('apiKeys.create', { name: 'metrics' }, admin)).data.key;
      roles.viewer = { cookie: viewer.cookie as string };
      roles.admin = { cookie: admin.cookie as string };
      roles.apiKey = { authorization: `Bearer ${key}` };
    }, 60_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
      rmSync(builderDir, { recursive: true, force: true });
    });

    it('answers every route, method, odd path and odd header below 500, with a body saying why when it refuses', async () => {
      const random = seededRandom(0x524f5554);
      const problems: string[] = [];
      for (const path of PATHS) {
        for (const method of METHODS) {
          for (const [role, auth] of Object.entries(roles)) {
            // Every path, method and role plain, and with a seeded sample of the odd headers.
            for (const extra of [{}, ...random.sample(HEADERS, 3)]) {
              const headers = { ...extra, ...auth };
              const withBody = !['GET', 'HEAD'].includes(method);
              const response = await api.request(path, { method, headers, ...(withBody ? { body: '{"a":1}' } : {}) });
              const text = await response.text();
              const label = `${role} ${method} ${path.slice(0, 80)} ${JSON.stringify(extra).slice(0, 80)}`;
              if (response.status >= 500) problems.push(`${label}: ${response.status} ${text.slice(0, 200)}`);
              // A 416 says why in Content-Range; a HEAD answer has no body by definition.
              const bodyless = method === 'HEAD' || response.status === 416;
              if (response.status >= 400 && !bodyless && !text.trim()) problems.push(`${label}: ${response.status} with no body`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    }, 120_000);

    it('answers a malformed %-escape under /plugins/ with 400 saying how to encode it', async () => {
      for (const path of ['/plugins/x/%E0%A4%A', `${WIDGETS}/%`, '/plugins/%E0%A4%A/index.js']) {
        const response = await api.request(path, { headers: roles.viewer });
        expect(response.status, path).toBe(400);
        expect(await response.text()).toBe('Malformed %-escape in the plugin asset path; encode it with encodeURIComponent.\n');
      }
    });

    it('still serves a widget bundle by its encoded path, and nothing outside the bundle folder', async () => {
      const page = await api.request('/', { headers: roles.viewer });
      const bundle = /href="(\/plugins\/nautilus\.widgets-core\/[^"]+)"/.exec(await page.text())?.[1] as string;
      expect((await api.request(bundle, { headers: roles.viewer })).status).toBe(200);
      const encoded = bundle.replace(/\.js$/, '%2Ejs');
      expect((await api.request(encoded, { headers: roles.viewer })).status).toBe(200);
      for (const outside of ['../package.json', '%2e%2e/package.json', '..%2fpackage.json', '%00']) {
        expect((await api.request(`${WIDGETS}/${outside}`, { headers: roles.viewer })).status, outside).toBe(404);
      }
    });
  });
}
