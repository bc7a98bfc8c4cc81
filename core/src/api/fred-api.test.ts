import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

// The FRED plugin loaded as every first-party plugin is, its base URL pointed by the admin's plugin
// configuration at a loopback server that answers with FRED's recorded responses.
const fixtures = new URL('../../../plugins/fred/test/fixtures/', import.meta.url);
const pglite = dialects.find((dialect) => dialect.name === 'pglite')!;

describe('FRED through the plugin host and the API', () => {
  let server: Server;
  let database: TestDatabase;
  let api: Harness;
  let viewer: Auth;
  let configDir: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      arrivals.push(performance.now());
      const url = new URL(request.url ?? '/', 'http://fred.test');
      const file = url.pathname.endsWith('/series/observations')
        ? 'series-observations-GDP-json.json'
        : 'series-GDP-metadata-json.json';
      response.writeHead(url.searchParams.get('api_key') === 'loopback-key' ? 200 : 400, { 'content-type': 'application/json' });
      response.end(readFileSync(new URL(file, fixtures)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    configDir = mkdtempSync(join(tmpdir(), 'nautilus-fred-'));
    const configFile = join(configDir, 'plugins.json');
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fred/`;
    writeFileSync(configFile, JSON.stringify({ 'nautilus.fred': { baseUrl } }));
    database = await pglite.create();
    api = await openHarness(database, {
      plugins: 'first-party',
      env: { NAUTILUS_PLUGIN_CONFIG: configFile, NAUTILUS_SECRET_FRED_API_KEY: 'loopback-key' },
    });
    viewer = await api.loginAs('viewer');
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(configDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('charts a FRED series through dataSources.query, the key sent from the server’s secret', async () => {
    const result = await api.call(
      'dataSources.query',
      { dataSource: 'nautilus.fred/series', params: { seriesId: 'GDP' }, range: { from: '2024-01-01', to: '2024-12-31' } },
      viewer,
    );
    expect(result.status, JSON.stringify(result.error)).toBe(200);
    expect(result.data.frames[0].series[0]).toMatchObject({
      name: 'GDP',
      time: ['2024-01-01', '2024-04-01', '2024-07-01'].map((date) => Date.parse(`${date}T00:00:00Z`)),
      values: [28624.069, 29016.714, 29374.914],
    });
  });

  it('holds a burst of queries to FRED’s declared 2 requests a second, retries included', async () => {
    arrivals.length = 0;
    const queries = ['GDP', 'GNP', 'GDPC1', 'FEDFUNDS', 'DGS10'].map((seriesId) =>
      api.call('dataSources.query', { dataSource: 'nautilus.fred/info', params: { seriesId } }, viewer),
    );
    expect((await Promise.all(queries)).map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
    arrivals.sort((a, b) => a - b);
    expect(arrivals).toHaveLength(5);
    // They leave at least 1,030 ms apart (FRED's second and the host's slack); arriving, one may shift by some jitter.
    for (let index = 2; index < arrivals.length; index++)
      expect(arrivals[index]! - arrivals[index - 2]!).toBeGreaterThanOrEqual(960);
  }, 30_000);

  it('refuses a params object the manifest’s schema does not allow, before any request', async () => {
    arrivals.length = 0;
    const bad = await api.call(
      'dataSources.query',
      { dataSource: 'nautilus.fred/series', params: { seriesId: 'GDP; drop' } },
      viewer,
    );
    expect(bad.error.data.nautilus.code).toBe('VALIDATION');
    expect(bad.error.data.nautilus.fields[0]?.path).toMatch(/seriesId/);
    expect(arrivals).toHaveLength(0);
  });
});
