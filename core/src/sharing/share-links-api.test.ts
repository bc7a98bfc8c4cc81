import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

const HOUR = 3_600_000;

/** Two panels on the fixture quotes source: one follows $symbol, one is fixed. */
function quotesDocument(title: string) {
  const panel = (id: string, params: Record<string, unknown>, y: number) => ({
    id,
    type: 'test.quotes/none',
    pluginVersion: '1.2.3',
    title: id,
    gridPos: { x: 0, y, w: 12, h: 6 },
    query: { dataSource: 'test.quotes/ticks', params },
    options: {},
  });
  return {
    schemaVersion: 1,
    title,
    tags: [],
    variables: [{ name: 'symbol', type: 'custom', default: 'AAA', options: ['AAA', 'BBB', 'CCC'] }],
    timeRange: { from: 'now-7d', to: 'now' },
    refresh: 'off',
    panels: [panel('price', { symbol: '$symbol' }, 0), panel('fixed', { symbol: 'ZZZ', scale: 2 }, 6)],
  };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`share links on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let owner: Auth;
    let editor: Auth;
    let shared: string;
    let other: string;

    const code = (result: { error?: { data: { nautilus: { code: string } } } }) => result.error?.data.nautilus.code ?? 'OK';
    const createLink = async (dashboardId: string, extra: Record<string, unknown> = {}) =>
      api.call(
        'sharing.createLink',
        {
          dashboardId,
          expiresAt: Date.now() + HOUR,
          variables: { symbol: 'BBB' },
          timeRange: { from: 'now-2d', to: 'now' },
          ...extra,
        },
        owner,
      );

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database);
      owner = await api.loginAs('editor');
      editor = await api.loginAs('editor');
      shared = (await api.call('dashboards.create', { document: quotesDocument('Shared'), access: 'private' }, owner)).data.id;
      other = (await api.call('dashboards.create', { document: quotesDocument('Other') }, owner)).data.id;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('opens its one dashboard with the variables and range it was made with, and keeps only a hash', async () => {
      const created = await createLink(shared, { label: 'for the client' });
      expect(created.status).toBe(200);
      const { token, id } = created.data;
      expect(token).toMatch(/^nsh_[\w-]{43}$/);
      const stored = await api.services.db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(token.slice(4));
      expect(JSON.stringify(stored)).not.toContain(token.slice(4));

      const opened = await api.call('sharing.open', { token });
      expect(opened.status).toBe(200);
      expect(opened.data).toMatchObject({
        document: { title: 'Shared' },
        values: { symbol: 'BBB' },
        timeRange: { from: 'now-2d', to: 'now' },
      });
      expect(opened.data).not.toHaveProperty('id');
      expect(opened.headers.get('set-cookie')).toMatch(/^nautilus_share=nsh_[\w-]+; Path=\/plugins; HttpOnly; SameSite=Strict/);

      const links = (await api.call('sharing.links', { dashboardId: shared }, owner)).data;
      expect(links).toEqual([
        expect.objectContaining({ id, label: 'for the client', state: 'active', variables: { symbol: 'BBB' } }),
      ]);
      expect(JSON.stringify(links)).not.toContain(token);
    });

    it("runs exactly its panels' queries with the link's values and range, and nothing else", async () => {
      const { token } = (await createLink(shared)).data;
      const before = Date.now();
      const price = await api.call('sharing.query', { token, dataSource: 'test.quotes/ticks', params: { symbol: 'BBB' } });
      expect(price.status).toBe(200);
      expect(price.data.frames[0].series[0].name).toBe('BBB');
      // The link's range (two days), whatever the holder might want.
      expect(price.data.range.to - price.data.range.from).toBe(2 * 24 * HOUR);
      expect(price.data.range.to).toBeGreaterThanOrEqual(before);
      const fixed = await api.call('sharing.query', {
        token,
        dataSource: 'test.quotes/ticks',
        params: { scale: 2, symbol: 'ZZZ' },
      });
      expect(fixed.status).toBe(200);

      const refused = [
        // Another value of the variable than the link's.
        { dataSource: 'test.quotes/ticks', params: { symbol: 'AAA' } },
        // A panel's params with one more.
        { dataSource: 'test.quotes/ticks', params: { symbol: 'BBB', scale: 100 } },
        // The variable left unfilled.
        { dataSource: 'test.quotes/ticks', params: { symbol: '$symbol' } },
        // Another data source with the same params.
        { dataSource: 'test.quotes/fails', params: { symbol: 'BBB' } },
      ];
      for (const query of refused) {
        const answer = await api.call('sharing.query', { token, ...query });
        expect(code(answer), JSON.stringify(query)).toBe('FORBIDDEN');
      }
    });

    it('is no credential for any other dashboard or procedure', async () => {
      const { token } = (await createLink(shared)).data;
      const asBearer = { apiKey: token };
      for (const [procedure, input] of [
        ['dashboards.get', { id: shared }],
        ['dashboards.get', { id: other }],
        ['dashboards.list', undefined],
        ['dataSources.query', { dataSource: 'test.quotes/ticks', params: { symbol: 'BBB' } }],
        ['sharing.links', { dashboardId: shared }],
        ['auth.me', undefined],
      ] as const) {
        expect(code(await api.call(procedure, input, asBearer)), procedure).toBe('UNAUTHORIZED');
        expect(code(await api.call(procedure, input, { cookie: `nautilus_share=${token}` })), procedure).toBe('UNAUTHORIZED');
        expect(code(await api.call(procedure, input, { cookie: `nautilus_session=${token}` })), procedure).toBe('UNAUTHORIZED');
      }
      // The other dashboard's panels are not this link's, even where they look alike.
      const otherLink = (await createLink(other, { variables: { symbol: 'CCC' } })).data.token;
      const crossed = await api.call('sharing.query', { token, dataSource: 'test.quotes/ticks', params: { symbol: 'CCC' } });
      expect(code(crossed)).toBe('FORBIDDEN');
      expect(
        code(await api.call('sharing.query', { token: otherLink, dataSource: 'test.quotes/ticks', params: { symbol: 'CCC' } })),
      ).toBe('OK');
      // The widget bundle route lets the holder load only the plugins its dashboard draws with.
      const asset = await api.request('/plugins/test.quotes/index.ts', { headers: { cookie: `nautilus_share=${token}` } });
      expect(asset.status).not.toBe(401);
      const foreign = await api.request('/plugins/nautilus.widgets-core/dist/widgets.js', {
        headers: { cookie: `nautilus_share=${token}` },
      });
      expect(foreign.status).toBe(401);
    });

    it('stops working once revoked, or expired, with a reason the page can show', async () => {
      const { token, id } = (await createLink(shared)).data;
      expect(code(await api.call('sharing.revokeLink', { id }, editor))).toBe('NOT_FOUND');
      expect(code(await api.call('sharing.revokeLink', { id }, owner))).toBe('OK');
      for (const answer of [
        await api.call('sharing.open', { token }),
        await api.call('sharing.query', { token, dataSource: 'test.quotes/ticks', params: { symbol: 'BBB' } }),
      ]) {
        expect(answer.status).toBe(403);
        expect(answer.error.data.nautilus).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'revoked' } });
      }
      const states = (await api.call('sharing.links', { dashboardId: shared }, owner)).data;
      expect(states.find((link: { id: string }) => link.id === id).state).toBe('revoked');

      const expiring = (await createLink(shared)).data;
      await api.services.db
        .updateTable('share_links')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', expiring.id)
        .execute();
      const expired = await api.call('sharing.open', { token: expiring.token });
      expect(expired.error.data.nautilus).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'expired' } });

      const unknown = await api.call('sharing.open', { token: `nsh_${'x'.repeat(43)}` });
      expect(unknown.error.data.nautilus).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'unknown' } });
    });

    it('refuses links past a year, in the past, with unknown variables or a bad range, naming the field', async () => {
      const fieldsOf = (answer: { error: { data: { nautilus: { fields: { path: string }[] } } } }) =>
        answer.error.data.nautilus.fields.map((field) => field.path);
      expect(fieldsOf(await createLink(shared, { expiresAt: Date.now() - 1 }))).toEqual(['expiresAt']);
      expect(fieldsOf(await createLink(shared, { expiresAt: Date.now() + 400 * 24 * HOUR }))).toEqual(['expiresAt']);
      expect(fieldsOf(await createLink(shared, { variables: { nope: 'x' } }))).toEqual(['variables.nope']);
      expect(fieldsOf(await createLink(shared, { timeRange: { from: 'yesterday', to: 'now' } }))).toEqual(['timeRange.from']);
    });

    it('stops working when its dashboard is deleted or its creator is disabled', async () => {
      const doomed = (await api.call('dashboards.create', { document: quotesDocument('Doomed') }, owner)).data.id;
      const { token } = (await createLink(doomed)).data;
      await api.call('dashboards.delete', { id: doomed }, owner);
      expect(code(await api.call('sharing.open', { token }))).toBe('NOT_FOUND');

      const maker = await api.loginAs('editor');
      const makerId = (await api.call('auth.me', undefined, maker)).data.id;
      await api.call(
        'sharing.grant',
        { objectType: 'dashboard', objectId: other, granteeType: 'user', grantee: makerId, permission: 'admin' },
        owner,
      );
      const link = await api.call(
        'sharing.createLink',
        { dashboardId: other, expiresAt: Date.now() + HOUR, timeRange: { from: 'now-1d', to: 'now' } },
        maker,
      );
      expect(code(await api.call('sharing.open', { token: link.data.token }))).toBe('OK');
      await api.services.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', makerId).execute();
      const answer = await api.call('sharing.open', { token: link.data.token });
      expect(answer.error.data.nautilus).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'inactive' } });
    });
  });
}
