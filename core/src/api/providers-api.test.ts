import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

// The Data sources page's API end to end: a key entered by an admin (sealed at rest, never sent
// back), a provider pointed at a loopback server answering with Yahoo's recorded responses, the bars
// chain resolving a real instrument through it into the cache, and the cache answering, flagged
// stale, once the provider fails.
const yahoo = new URL('../../../plugins/yahoo/test/fixtures/', import.meta.url);
const JAN_2 = Date.parse('2020-01-02T00:00:00Z');

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`providers, the bars chain and instrument search on ${dialect.name}`, () => {
    let server: Server;
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let viewer: Auth;
    let baseUrl: string;
    let failing = false;
    const paths: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://yahoo.test');
        paths.push(url.pathname);
        if (failing) {
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('Service Unavailable');
          return;
        }
        const file = url.pathname.startsWith('/v8/finance/chart/AAPL')
          ? 'v8-chart-AAPL-1d-2020-01-01_2020-01-03.json'
          : url.pathname.startsWith('/v1/finance/search')
            ? 'v1-search-AAPL.json'
            : undefined;
        response.writeHead(file ? 200 : 404, { 'content-type': 'application/json' });
        response.end(file ? readFileSync(new URL(file, yahoo)) : '{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party', env: { NAUTILUS_PLUGIN_FETCH_TIMEOUT_MS: '1500' } });
      admin = await api.loginAs('admin');
      viewer = await api.loginAs('viewer');
    }, 60_000);
    afterAll(async () => {
      await api?.close();
      await database?.drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('lists provider plugins for admins only, with secrets as states, never values', async () => {
      expect((await api.call('providers.list', undefined, viewer)).error?.data?.nautilus?.code).toBe('FORBIDDEN');
      const list = await api.call('providers.list', undefined, admin);
      expect(list.status, JSON.stringify(list.error)).toBe(200);
      const ids = list.data.map((provider: { id: string }) => provider.id);
      for (const id of [
        'nautilus.alpha-vantage',
        'nautilus.fred',
        'nautilus.yahoo',
        'nautilus.ibkr',
        'nautilus.sec-edgar',
        'nautilus.dbnomics',
        'nautilus.trading-economics',
        'nautilus.ckan',
      ]) {
        expect(ids).toContain(id);
      }
      expect(ids).not.toContain('nautilus.sim-market');
      const fred = list.data.find((provider: { id: string }) => provider.id === 'nautilus.fred');
      expect(fred.secrets).toEqual([{ name: 'FRED_API_KEY', state: 'missing' }]);
    });

    it('stores a key sealed at rest and write-only, and the plugin uses it at once', async () => {
      const secret = 'fred-key-0123456789abcdef';
      const saved = await api.call(
        'providers.setSecret',
        { pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: secret },
        admin,
      );
      expect(saved.status, JSON.stringify(saved.error)).toBe(200);
      expect(saved.data.secrets).toEqual([{ name: 'FRED_API_KEY', state: 'stored' }]);
      expect(JSON.stringify(saved.data)).not.toContain(secret);
      expect(JSON.stringify((await api.call('providers.list', undefined, admin)).data)).not.toContain(secret);
      const rows = await api.services.db.selectFrom('provider_secrets').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.ciphertext).not.toContain(secret);
      expect(Buffer.from(rows[0]!.ciphertext.slice(3), 'base64').toString('latin1')).not.toContain(secret);
      // A secret the plugin does not declare, and one for a viewer, are refused.
      const undeclared = await api.call(
        'providers.setSecret',
        { pluginId: 'nautilus.fred', name: 'DATABASE_URL', value: 'x' },
        admin,
      );
      expect(undeclared.error?.data?.nautilus?.code).toBe('VALIDATION');
      expect(
        (await api.call('providers.setSecret', { pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: 'x' }, viewer)).error
          ?.data?.nautilus?.code,
      ).toBe('FORBIDDEN');
      const cleared = await api.call('providers.clearSecret', { pluginId: 'nautilus.fred', name: 'FRED_API_KEY' }, admin);
      expect(cleared.data.secrets).toEqual([{ name: 'FRED_API_KEY', state: 'missing' }]);
    });

    it('keeps the settings a plugin refuses out, naming the field, and tests a configured provider', async () => {
      const bad = await api.call('providers.setConfig', { pluginId: 'nautilus.yahoo', config: { baseUrl: 'ftp://nope' } }, admin);
      expect(bad.error?.data?.nautilus?.code).toBe('VALIDATION');
      expect(JSON.stringify(bad.error)).toContain('config.baseUrl');
      const good = await api.call('providers.setConfig', { pluginId: 'nautilus.yahoo', config: { baseUrl } }, admin);
      expect(good.status, JSON.stringify(good.error)).toBe(200);
      expect(good.data.config).toEqual({ baseUrl });
      const test = await api.call('providers.test', { pluginId: 'nautilus.yahoo' }, admin);
      expect(test.data).toMatchObject({ ok: true, source: 'nautilus.yahoo/search' });
      expect(test.data.message).toMatch(/answered in \d+ ms/);
      // The request the test made counts against the limits that stand for the configured base URL.
      const limits = (await api.call('providers.list', undefined, admin)).data.find(
        (provider: { id: string }) => provider.id === 'nautilus.yahoo',
      ).rateLimits;
      const local = limits.filter((limit: { host: string }) => limit.host === new URL(baseUrl).host);
      expect(local).toEqual([
        { host: new URL(baseUrl).host, requests: 2, perSeconds: 1, used: expect.any(Number), remaining: expect.any(Number) },
        { host: new URL(baseUrl).host, requests: 1000, perSeconds: 3600, used: 1, remaining: 999 },
      ]);
      // Saving the settings again restarts the plugin, but not its quota.
      await api.call('providers.setConfig', { pluginId: 'nautilus.yahoo', config: { baseUrl } }, admin);
      const again = (await api.call('providers.list', undefined, admin)).data.find(
        (provider: { id: string }) => provider.id === 'nautilus.yahoo',
      ).rateLimits;
      expect(
        again.find((limit: { requests: number; host: string }) => limit.requests === 1000 && limit.host === new URL(baseUrl).host)
          .used,
      ).toBe(1);
    });

    it('charts AAPL through nautilus.core/bars: Yahoo answers, the cache keeps it, and a failing Yahoo leaves it stale but shown', async () => {
      const query = {
        dataSource: 'nautilus.core/bars',
        params: { symbol: 'AAPL', timeframe: '1d' },
        range: { from: '2020-01-01', to: '2020-01-03' },
      };
      const first = await api.call('dataSources.query', query, viewer);
      expect(first.status, JSON.stringify(first.error)).toBe(200);
      const bars = first.data.frames[0];
      expect(bars.time).toEqual([JAN_2]);
      expect(bars.close[0]).toBeCloseTo(75.0875, 3);
      expect(bars.provenance).toMatchObject({ adjusted: false, calendar: 'us-equity', gapCount: 0 });
      expect(bars.provenance.sources.map((s: { source: string }) => s.source)).toEqual(['nautilus.yahoo/bars']);
      expect(bars.provenance.stale).toBeUndefined();

      failing = true;
      paths.length = 0;
      const wider = { ...query, range: { from: '2020-01-01', to: '2020-01-10' } };
      const stale = await api.call('dataSources.query', wider, viewer);
      expect(stale.status, JSON.stringify(stale.error)).toBe(200);
      expect(stale.data.frames[0].time).toEqual([JAN_2]);
      expect(stale.data.frames[0].provenance.stale.message).toMatch(/Showing stored bars/);
      expect(paths.length).toBeGreaterThan(0);
      failing = false;

      const health = await api.call('providers.health', undefined, viewer);
      const yahooBars = health.data.find((report: { source: string }) => report.source === 'nautilus.yahoo/bars');
      expect(yahooBars).toMatchObject({ errors: 1 });
      expect(yahooBars.lastError).toMatch(/503|Yahoo|nautilus\.yahoo/);
      const metrics = await (await api.request('/metrics', { headers: { cookie: admin.cookie ?? '' } })).text();
      expect(metrics).toMatch(/nautilus_data_source_calls\{source="nautilus.yahoo\/bars",outcome="error"\} 1/);
    });

    it('searches instruments across sources, each hit with its source and asset class', async () => {
      const result = await api.call('providers.searchInstruments', { text: 'AAPL' }, viewer);
      expect(result.status, JSON.stringify(result.error)).toBe(200);
      const sources = new Set(result.data.hits.map((hit: { source: string }) => hit.source));
      expect(sources).toContain('nautilus.sim-market/instruments');
      expect(sources).toContain('nautilus.yahoo/search');
      expect(result.data.hits[0].symbol).toMatch(/AAPL$/);
      const yahooHit = result.data.hits.find(
        (hit: { source: string; symbol: string }) => hit.source === 'nautilus.yahoo/search' && hit.symbol === 'AAPL',
      );
      expect(yahooHit).toMatchObject({ assetClass: 'equity', provider: 'Yahoo Finance' });
      // Sources without a key fail on their own; the search still answers.
      expect(result.data.failures.map((failure: { source: string }) => failure.source)).toContain(
        'nautilus.alpha-vantage/search',
      );
    });

    it('lets an admin set the fallback chain, refusing a malformed rule by field', async () => {
      const initial = await api.call('providers.chain', undefined, viewer);
      expect(initial.data.custom).toBe(false);
      expect(initial.data.chain[0]).toEqual({ match: 'SIM:*', sources: ['nautilus.sim-market/bars'], calendar: 'none' });
      const bad = await api.call('providers.setChain', { chain: [{ match: 'AAPL', sources: ['not a ref'] }] }, admin);
      expect(bad.error?.data?.nautilus?.code).toBe('VALIDATION');
      expect(JSON.stringify(bad.error)).toContain('chain.0.sources.0');
      const chain = [{ match: '*', sources: ['nautilus.yahoo/bars'], calendar: 'us-equity' }];
      expect((await api.call('providers.setChain', { chain }, viewer)).error?.data?.nautilus?.code).toBe('FORBIDDEN');
      const saved = await api.call('providers.setChain', { chain }, admin);
      expect(saved.data).toEqual({ chain, custom: true });
    });
  });
}
