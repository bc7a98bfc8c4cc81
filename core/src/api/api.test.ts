import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness, sampleDocument } from '../../test/harness.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let editor: Auth;
    let viewer: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database);
      admin = await api.loginAs('admin');
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('answers 401 to a request without credentials', async () => {
      const result = await api.call('dashboards.list');
      expect(result.status).toBe(401);
      expect(result.error.data.nautilus.code).toBe('UNAUTHORIZED');
    });

    it('logs in with a session cookie that is HttpOnly and SameSite', async () => {
      const result = await api.call('auth.login', { username: 'admin', password: 'correct horse battery staple' });
      expect(result.headers.get('set-cookie')).toMatch(
        /nautilus_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200/,
      );
      expect((await api.call('auth.me', undefined, admin)).data).toMatchObject({
        username: 'admin',
        role: 'admin',
        via: 'session',
      });
    });

    it('refuses a wrong password with 401 and slows down repeated failures', async () => {
      const attempts = [];
      for (let i = 0; i < 5; i++)
        attempts.push(await api.call('auth.login', { username: 'nobody', password: 'wrong password!' }));
      expect(attempts.slice(0, 3).map((attempt) => attempt.status)).toEqual([401, 401, 401]);
      expect(attempts[3]?.status).toBe(429);
      expect(attempts[3]?.error.data.nautilus).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    });

    it('lets an editor create, read and save; the history keeps every version', async () => {
      const created = await api.call('dashboards.create', { document: sampleDocument() }, editor);
      expect(created.status).toBe(200);
      const { id } = created.data;
      const saved = await api.call(
        'dashboards.save',
        { id, baseVersion: 1, document: sampleDocument('Desk v2'), message: 'rename' },
        editor,
      );
      expect(saved.data).toEqual({ id, version: 2 });
      expect((await api.call('dashboards.get', { id }, viewer)).data).toMatchObject({
        version: 2,
        document: { title: 'Desk v2' },
        updatedBy: 'editor-1',
      });
      expect((await api.call('dashboards.get', { id, version: 1 }, viewer)).data.document.title).toBe('Desk');
      const history = await api.call('dashboards.history', { id }, viewer);
      expect(
        history.data.map((entry: { version: number; title: string; message: string }) => [
          entry.version,
          entry.title,
          entry.message,
        ]),
      ).toEqual([
        [2, 'Desk v2', 'rename'],
        [1, 'Desk', 'Created'],
      ]);
    });

    it('gives a stale save CONFLICT and leaves the stored dashboard unchanged', async () => {
      const { id } = (await api.call('dashboards.create', { document: sampleDocument('Shared') }, editor)).data;
      expect(
        (await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('First writer') }, editor)).status,
      ).toBe(200);
      const stale = await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('Second writer') }, admin);
      expect(stale.status).toBe(409);
      expect(stale.error.data.nautilus).toMatchObject({
        code: 'CONFLICT',
        details: { currentVersion: 2, updatedBy: 'editor-1' },
      });
      const stored = (await api.call('dashboards.get', { id }, viewer)).data;
      expect(stored).toMatchObject({ version: 2, document: { title: 'First writer' } });
      expect((await api.call('dashboards.history', { id }, viewer)).data).toHaveLength(2);
    });

    it('lets exactly one of two simultaneous saves of the same version win', async () => {
      const { id } = (await api.call('dashboards.create', { document: sampleDocument('Race') }, editor)).data;
      const results = await Promise.all(
        ['A', 'B', 'C'].map((name) =>
          api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument(name) }, editor),
        ),
      );
      expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409]);
      expect((await api.call('dashboards.history', { id }, viewer)).data).toHaveLength(2);
    });

    it('rejects an invalid document naming the field, and writes nothing', async () => {
      const before = (await api.call('dashboards.list', undefined, viewer)).data.length;
      const document = sampleDocument('Broken');
      (document.panels as { gridPos: { w: number } }[])[0]!.gridPos.w = 30;
      const result = await api.call('dashboards.create', { document }, editor);
      expect(result.status).toBe(400);
      expect(result.error.data.nautilus.fields).toEqual([{ path: 'panels[0].gridPos.w', message: 'must be <= 24' }]);
      expect((await api.call('dashboards.list', undefined, viewer)).data).toHaveLength(before);
    });

    it('rejects an invalid save and keeps the previous version', async () => {
      const { id } = (await api.call('dashboards.create', { document: sampleDocument('Keep me') }, editor)).data;
      const result = await api.call(
        'dashboards.save',
        { id, baseVersion: 1, document: { ...sampleDocument(), title: '' } },
        editor,
      );
      expect(result.error.data.nautilus.fields).toEqual([{ path: 'title', message: 'must NOT have fewer than 1 characters' }]);
      expect((await api.call('dashboards.get', { id }, viewer)).data).toMatchObject({
        version: 1,
        document: { title: 'Keep me' },
      });
    });

    it('does not let a viewer save (403), and the server, not the UI, refuses it', async () => {
      const { id } = (await api.call('dashboards.create', { title: 'Read only for viewers' }, editor)).data;
      const result = await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('hijack') }, viewer);
      expect(result.status).toBe(403);
      expect(result.error.data.nautilus.message).toBe('This needs the editor role; you are viewer. Ask an admin.');
      expect((await api.call('dashboards.delete', { id }, viewer)).status).toBe(403);
    });

    it('restores an old version as a new one, and deletes', async () => {
      const { id } = (await api.call('dashboards.create', { document: sampleDocument('Original') }, editor)).data;
      await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('Edited') }, editor);
      const restored = await api.call('dashboards.restore', { id, version: 1, baseVersion: 2 }, editor);
      expect(restored.data).toEqual({ id, version: 3 });
      expect((await api.call('dashboards.get', { id }, viewer)).data.document.title).toBe('Original');
      expect((await api.call('dashboards.delete', { id }, editor)).status).toBe(200);
      expect((await api.call('dashboards.get', { id }, viewer)).status).toBe(404);
    });

    it('migrates a v0 document on create', async () => {
      const v0 = { name: 'Old', widgets: [{ key: 'w', kind: 'text', layout: { col: 0, row: 0, width: 6, height: 2 } }] };
      const { id } = (await api.call('dashboards.create', { document: v0 }, editor)).data;
      expect((await api.call('dashboards.get', { id }, viewer)).data.document).toMatchObject({
        schemaVersion: 1,
        panels: [{ gridPos: { w: 12 } }],
      });
    });

    it('authenticates with an API key, and not once it is revoked', async () => {
      const created = await api.call('apiKeys.create', { name: 'script' }, editor);
      const { key, id } = created.data;
      expect(key).toMatch(/^nau_[0-9a-f-]{36}_[\w-]{43}$/);
      expect((await api.call('auth.me', undefined, { apiKey: key })).data).toMatchObject({
        username: 'editor-1',
        via: 'api-key',
      });
      expect((await api.call('dashboards.create', { title: 'By script' }, { apiKey: key })).status).toBe(200);
      const listed = (await api.call('apiKeys.list', undefined, editor)).data;
      expect(JSON.stringify(listed)).not.toContain(key.slice(-43));
      expect((await api.call('apiKeys.revoke', { id }, editor)).status).toBe(200);
      expect((await api.call('auth.me', undefined, { apiKey: key })).status).toBe(401);
      expect((await api.call('auth.me', undefined, { apiKey: `${key.slice(0, -1)}x` })).status).toBe(401);
    });

    it('keeps user management to admins', async () => {
      expect((await api.call('users.list', undefined, editor)).status).toBe(403);
      const created = await api.call(
        'users.create',
        { username: 'analyst', password: 'long enough password', role: 'viewer' },
        admin,
      );
      expect(created.data).toMatchObject({ username: 'analyst', role: 'viewer' });
      expect(JSON.stringify((await api.call('users.list', undefined, admin)).data)).not.toContain('argon2');
      const weak = await api.call('users.create', { username: 'x', password: 'short', role: 'viewer' }, admin);
      expect(weak.error.data.nautilus.fields.map((field: { path: string }) => field.path)).toEqual(['username', 'password']);
      const adminId = (await api.call('auth.me', undefined, admin)).data.id;
      expect((await api.call('users.update', { id: adminId, role: 'viewer' }, admin)).error.data.nautilus.code).toBe('CONFLICT');
    });

    it('serves plugins.list with failed plugins and their reasons, and queries the healthy ones', async () => {
      const plugins = (await api.call('plugins.list', undefined, viewer)).data as { id: string; state: string }[];
      expect(plugins.find((plugin) => plugin.id === 'test.quotes')?.state).toBe('active');
      expect(plugins.filter((plugin) => plugin.state === 'failed').length).toBeGreaterThanOrEqual(6);
      const result = await api.call(
        'dataSources.query',
        { dataSource: 'test.quotes/ticks', params: { symbol: 'XYZ' }, range: { from: '2026-01-01', to: '2026-01-02' } },
        viewer,
      );
      expect(result.data.frames[0].series[0]).toEqual({
        name: 'XYZ',
        time: [Date.parse('2026-01-01'), Date.parse('2026-01-02')],
        values: [1, 2],
      });
      const bad = await api.call(
        'dataSources.query',
        { dataSource: 'test.quotes/ticks', params: { symbol: 'XYZ' }, range: { from: 'now', to: 'now-1d' } },
        viewer,
      );
      expect(bad.error.data.nautilus.fields).toEqual([{ path: 'range.from', message: 'must be before range.to' }]);
    });

    it('names the plugin when its data source fails', async () => {
      const result = await api.call('dataSources.query', { dataSource: 'test.quotes/fails', params: {} }, viewer);
      expect(result.status).toBe(502);
      expect(result.error.data.nautilus).toMatchObject({ code: 'DATA_SOURCE_ERROR', plugin: 'test.quotes' });
    });

    it('answers /healthz without credentials and /metrics only with them', async () => {
      const app = (await import('../http/app.ts')).createApp(api.services);
      expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
      expect((await app.request('/metrics')).status).toBe(401);
      const metrics = await (await app.request('/metrics', { headers: { cookie: admin.cookie as string } })).text();
      expect(metrics).toMatch(
        /nautilus_procedure_duration_seconds_count\{procedure="dashboards.save",type="mutation",outcome="CONFLICT"\} \d/,
      );
      expect(metrics).toContain('nautilus_plugin_state{plugin="test.setup-hangs",state="failed"} 1');
      expect(metrics).toContain('nautilus_db_pool_connections{state="total"}');
    });

    it('refuses a cross-origin write', async () => {
      const app = (await import('../http/app.ts')).createApp(api.services);
      const response = await app.request('http://127.0.0.1/trpc/dashboards.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.example', cookie: editor.cookie as string },
        body: JSON.stringify({ title: 'csrf' }),
      });
      expect(response.status).toBe(403);
    });
  });
}
