import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../../test/databases.ts';
import { type Auth, type Harness, openHarness, sampleDocument } from '../../../test/harness.ts';
import { RHYTHM_TRADER, SMA_CROSSOVER, waitFor } from '../../../test/strategies.ts';

interface RestCall {
  query?: Record<string, unknown>;
  body?: unknown;
  auth?: Auth;
  headers?: Record<string, string>;
}

const bars = { dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:MSFT', timeframe: '1h' };

/** Query parameters as the contract says: strings as they are, everything else as JSON text. */
function queryString(query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`HTTP API (/api/v1) on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let editor: Auth;
    let viewer: Auth;

    async function rest(method: 'GET' | 'POST', path: string, call: RestCall = {}) {
      const headers: Record<string, string> = { ...call.headers };
      if (call.auth?.cookie) headers.cookie = call.auth.cookie;
      if (call.auth?.apiKey) headers.authorization = `Bearer ${call.auth.apiKey}`;
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      const response = await api.request(`/api/v1/${path}${queryString(call.query)}`, {
        method,
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    }

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      admin = await api.loginAs('admin');
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('creates, lists and gets dashboards, answering the output with no envelope', async () => {
      const created = await rest('POST', 'dashboards/create', { body: { document: sampleDocument('REST desk') }, auth: editor });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ id: expect.any(String), version: 1 });
      const listed = await rest('GET', 'dashboards/list', { query: { search: 'REST' }, auth: viewer });
      expect(listed.status).toBe(200);
      expect(listed.body.map((item: { id: string }) => item.id)).toContain(created.body.id);
      const got = await rest('GET', 'dashboards/get', { query: { id: created.body.id, version: 1 }, auth: viewer });
      expect(got.body).toMatchObject({ id: created.body.id, version: 1, document: { title: 'REST desk' } });
      // The same answer as /trpc gives.
      const overTrpc = await api.call('dashboards.get', { id: created.body.id, version: 1 }, viewer);
      expect(got.body).toEqual(overTrpc.data);
    });

    it('answers a query the same by GET with parameters and by POST with a JSON body', async () => {
      const input = {
        ...{ dataSource: bars.dataSource },
        params: { symbol: 'SIM:AAPL', timeframe: '1d' },
        range: { from: '2024-01-01', to: '2024-02-01' },
        maxPoints: 10,
      };
      const byGet = await rest('GET', 'dataSources/query', { query: input, auth: viewer });
      expect(byGet.status, JSON.stringify(byGet.body)).toBe(200);
      const byPost = await rest('POST', 'dataSources/query', { body: input, auth: viewer });
      expect(byPost.status).toBe(200);
      expect(byGet.body).toEqual(byPost.body);
      expect(JSON.stringify(byGet.body)).toContain('SIM:AAPL');
    });

    it('runs a backtest and reads it back', async () => {
      const strategy = await rest('POST', 'strategies/create', { body: { source: SMA_CROSSOVER }, auth: editor });
      expect(strategy.status, JSON.stringify(strategy.body)).toBe(200);
      const queued = await rest('POST', 'backtests/run', {
        body: { strategyId: strategy.body.id, ...bars, range: { from: '2024-01-01', to: '2024-03-01' } },
        auth: editor,
      });
      expect(queued.status, JSON.stringify(queued.body)).toBe(200);
      const run = await waitFor(
        async () => (await rest('GET', 'backtests/get', { query: { id: queued.body.id }, auth: viewer })).body,
        (value) => value.status === 'done' || value.status === 'failed',
      );
      expect(run.status).toBe('done');
      const listed = await rest('GET', 'backtests/list', { query: { strategyId: strategy.body.id, limit: 5 }, auth: viewer });
      expect(listed.body.map((item: { id: string }) => item.id)).toEqual([queued.body.id]);
    });

    it('stores a portfolio and measures its risk', async () => {
      const book = {
        name: 'REST book',
        capital: 1_000_000,
        dataSource: bars.dataSource,
        positions: [
          { symbol: 'SIM:AAPL', quantity: 1_000 },
          { symbol: 'SIM:MSFT', quantity: 500 },
        ],
      };
      const created = await rest('POST', 'portfolios/create', { body: book, auth: editor });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect((await rest('GET', 'portfolios/get', { query: { id: created.body.id }, auth: viewer })).body).toMatchObject({
        name: 'REST book',
        capital: 1_000_000,
      });
      const input = {
        portfolioId: created.body.id,
        method: 'historical',
        confidence: 0.99,
        horizonDays: 1,
        lookback: 250,
        asOf: Date.parse('2025-06-30T00:00:00Z'),
      };
      const risk = await rest('GET', 'risk/var', { query: input, auth: viewer });
      expect(risk.status, JSON.stringify(risk.body)).toBe(200);
      expect(risk.body.var).toBeGreaterThan(0);
      expect(risk.body.positions).toHaveLength(2);
      expect((await rest('POST', 'risk/var', { body: input, auth: viewer })).body).toEqual(risk.body);
    });

    it('authenticates with an API key as /trpc does, and refuses with the statuses /trpc gives', async () => {
      const key = await rest('POST', 'apiKeys/create', { body: { name: 'rest test' }, auth: viewer });
      expect(key.status).toBe(200);
      const me = await rest('GET', 'auth/me', { auth: { apiKey: key.body.key } });
      expect(me.body).toMatchObject({ role: 'viewer', via: 'api-key' });

      const anonymous = await rest('GET', 'dashboards/list');
      expect(anonymous.status).toBe(401);
      expect(anonymous.status).toBe((await api.call('dashboards.list')).status);
      expect(anonymous.body).toEqual({
        code: 'UNAUTHORIZED',
        message: expect.stringContaining('Authorization: Bearer'),
        fields: [],
        details: {},
        // The request's id, as in the x-request-id header and the server's log.
        requestId: anonymous.headers.get('x-request-id'),
      });
      expect(anonymous.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const forbidden = await rest('GET', 'users/list', { auth: { apiKey: key.body.key } });
      expect(forbidden.status).toBe(403);
      expect(forbidden.status).toBe((await api.call('users.list', undefined, viewer)).status);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      expect((await rest('GET', 'users/list', { auth: admin })).status).toBe(200);
    });

    it('names the field of a refused input, from parameters and from a body', async () => {
      const tooMany = await rest('GET', 'backtests/list', { query: { limit: 100_000 }, auth: viewer });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'limit' }] });
      const notANumber = await rest('GET', 'backtests/list', { query: { limit: 'many' }, auth: viewer });
      expect(notANumber.body.fields[0].path).toBe('limit');
      const badPanel = sampleDocument();
      (badPanel.panels as { gridPos: { w: number } }[])[0]!.gridPos.w = 99;
      const refused = await rest('POST', 'dashboards/create', { body: { document: badPanel }, auth: editor });
      expect(refused.status).toBe(400);
      expect(refused.body.fields.map((field: { path: string }) => field.path).join(' ')).toContain('panels[0].gridPos');
      expect(refused.status).toBe((await api.call('dashboards.create', { document: badPanel }, editor)).status);
      const notJson = await api.request('/api/v1/dashboards/create', {
        method: 'POST',
        headers: { cookie: editor.cookie ?? '', 'content-type': 'application/json' },
        body: '{"document":',
      });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not valid JSON') });
    });

    it('answers 404 to an unknown route, 405 to GET on a mutation, and 403 to a cross-origin cookie POST', async () => {
      const unknown = await rest('GET', 'dashboards/nothing', { auth: viewer });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({
        code: 'NOT_FOUND',
        message: expect.stringContaining('/api/v1/<area>/<verb>'),
        fields: [],
        details: {},
        requestId: unknown.headers.get('x-request-id'),
      });
      expect((await rest('GET', 'dashboards', { auth: viewer })).status).toBe(404);
      const getMutation = await rest('GET', 'dashboards/create', { auth: editor });
      expect(getMutation.status).toBe(405);
      expect(getMutation.headers.get('allow')).toBe('POST');
      expect(getMutation.body.message).toContain('POST /api/v1/dashboards/create');
      const crossOrigin = await rest('POST', 'dashboards/create', {
        body: { document: sampleDocument() },
        auth: editor,
        headers: { origin: 'https://evil.example' },
      });
      expect(crossOrigin.status).toBe(403);
      expect(crossOrigin.body.code).toBe('FORBIDDEN');
      const sameOrigin = await rest('POST', 'dashboards/list', {
        body: {},
        auth: viewer,
        headers: { origin: 'http://127.0.0.1' },
      });
      expect(sameOrigin.status).toBe(200);
    });

    it('logs in over REST, setting the session cookie', async () => {
      const login = await rest('POST', 'auth/login', { body: { username: 'admin', password: 'correct horse battery staple' } });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/^nautilus_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    });

    it('streams a deployment as server-sent events', async () => {
      const strategy = await rest('POST', 'strategies/create', { body: { source: RHYTHM_TRADER }, auth: editor });
      const deployed = await rest('POST', 'deployments/deploy', {
        body: {
          strategyId: strategy.body.id,
          dataSource: bars.dataSource,
          symbol: 'SIM:BTCUSD',
          timeframe: '1m',
          replay: { bars: 24, speed: 600 },
        },
        auth: editor,
      });
      expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
      const controller = new AbortController();
      const response = await api.request(`/api/v1/deployments/watch?id=${deployed.body.id}`, {
        headers: { cookie: viewer.cookie ?? '' },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = (response.body as ReadableStream).pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      controller.abort();
      const first = JSON.parse(text.slice(0, text.indexOf('\n\n')).replace(/^data: /, ''));
      expect(first).toMatchObject({ type: 'snapshot', deployment: { id: deployed.body.id } });
      await rest('POST', 'deployments/stop', { body: { id: deployed.body.id }, auth: editor });

      const missing = await api.request('/api/v1/deployments/watch?id=00000000-0000-4000-8000-000000000000', {
        headers: { cookie: viewer.cookie ?? '' },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
      const anonymous = await api.request(`/api/v1/deployments/watch?id=${deployed.body.id}`);
      expect(anonymous.status).toBe(401);
    });

    it('serves the OpenAPI document and the interactive docs publicly, with no external URL', async () => {
      const document = await api.request('/api/openapi.json');
      expect(document.status).toBe(200);
      expect(await document.json()).toMatchObject({ openapi: '3.1.0' });
      const page = await api.request('/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/<script>/);
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
      expect(assets).toEqual(
        expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/init.js', '/docs/assets/swagger-ui.css']),
      );
      for (const asset of assets) {
        const response = await api.request(asset);
        expect(response.status, asset).toBe(200);
        expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
      }
      expect(await (await api.request('/docs/init.js')).text()).toContain("url: '/api/openapi.json'");
      expect((await api.request('/docs/assets/package.json')).status).toBe(404);
    });
  });
}
