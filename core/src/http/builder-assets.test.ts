import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

const pglite = dialects.find((dialect) => dialect.name === 'pglite') as (typeof dialects)[number];
const HASHED = '/assets/index-AbIti0KW.js';
const SOURCE = 'export const answer = 42;\n'.repeat(400);
const UNPRECOMPRESSED = '/assets/plain-Zq3_x-9a.css';
const STYLES = 'body { color: red; }\n'.repeat(200);

describe('the built app over HTTP: caching and compression', () => {
  let database: TestDatabase;
  let api: Harness;
  let admin: Auth;
  const builderDir = mkdtempSync(join(tmpdir(), 'nautilus-builder-'));

  beforeAll(async () => {
    // A build as vite writes it: hashed names, with precompressed siblings for the script only.
    const assets = join(builderDir, 'assets');
    mkdirSync(assets);
    writeFileSync(
      join(builderDir, 'index.html'),
      '<!doctype html><html><head><title>Nautilus</title></head><body></body></html>',
    );
    writeFileSync(join(builderDir, HASHED), SOURCE);
    writeFileSync(join(builderDir, `${HASHED}.br`), brotliCompressSync(SOURCE));
    writeFileSync(join(builderDir, `${HASHED}.gz`), gzipSync(SOURCE));
    writeFileSync(join(builderDir, UNPRECOMPRESSED), STYLES);
    writeFileSync(join(assets, 'font-Ab12Cd34.woff2'), Buffer.alloc(4096, 7));
    writeFileSync(join(assets, 'unhashed.js'), SOURCE);
    database = await pglite.create();
    api = await openHarness(database, { env: { NAUTILUS_BUILDER_DIR: builderDir } });
    admin = await api.loginAs('admin');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(builderDir, { recursive: true, force: true });
  });

  it('serves a hashed asset as immutable for a year, brotli first, then gzip, then plain', async () => {
    const br = await api.request(HASHED, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(SOURCE.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(SOURCE);

    const gz = await api.request(HASHED, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SOURCE);

    const plain = await api.request(HASHED, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SOURCE);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('compresses on the fly what the build left uncompressed, but never an already compressed type', async () => {
    const css = await api.request(UNPRECOMPRESSED, { headers: { 'accept-encoding': 'gzip' } });
    expect(css.headers.get('content-encoding')).toBe('gzip');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(Buffer.from(await css.arrayBuffer())).toString()).toBe(STYLES);

    const font = await api.request('/assets/font-Ab12Cd34.woff2', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('content-encoding')).toBeNull();
    expect((await font.arrayBuffer()).byteLength).toBe(4096);
  });

  it('asks the browser to revalidate a file without a hash in its name, and answers 404 for one the build lacks', async () => {
    const unhashed = await api.request('/assets/unhashed.js');
    expect(unhashed.headers.get('cache-control')).toBe('no-cache');
    // A script of an older release is a 404 with a reason, not the app's page under a script's name.
    const missing = await api.request('/assets/index-Old12345.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await missing.text()).toContain('reload the page');
    // The compressed siblings are served as encodings of their file, never by their own names.
    expect((await api.request(`${HASHED}.br`)).status).toBe(404);
  });

  it('serves the page with no-cache and an ETag, and answers 304 while it is unchanged', async () => {
    const signedOut: Record<string, string> = {};
    for (const headers of [signedOut, { cookie: admin.cookie as string }]) {
      const first = await api.request('/', { headers });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(await first.text()).toContain('<title>Nautilus</title>');

      const again = await api.request('/', { headers: { ...headers, 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');

      const stale = await api.request('/', { headers: { ...headers, 'if-none-match': '"an-older-page"' } });
      expect(stale.status).toBe(200);
    }
  });
});
