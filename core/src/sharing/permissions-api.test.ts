import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness, sampleDocument } from '../../test/harness.ts';
import { RHYTHM_TRADER } from '../../test/strategies.ts';

const PORTFOLIO = { name: 'Book', capital: 100_000, positions: [{ symbol: 'SIM:AAPL', quantity: 10 }] };

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`per-object permissions on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let owner: Auth;
    let editor: Auth;
    let viewer: Auth;
    let viewerId: string;
    let editorId: string;

    const code = (result: { error?: { data: { nautilus: { code: string } } } }) => result.error?.data.nautilus.code ?? 'OK';
    const idOf = async (auth: Auth) => (await api.call('auth.me', undefined, auth)).data.id as string;
    const privateDashboard = async (title: string) =>
      (await api.call('dashboards.create', { document: sampleDocument(title), access: 'private' }, owner)).data.id as string;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database);
      admin = await api.loginAs('admin');
      owner = await api.loginAs('editor');
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      viewerId = await idOf(viewer);
      editorId = await idOf(editor);
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('a viewer granted dashboard A reads A, gets NOT_FOUND for B, and FORBIDDEN when saving A', async () => {
      const a = await privateDashboard('A');
      const b = await privateDashboard('B');
      const granted = await api.call(
        'sharing.grant',
        { objectType: 'dashboard', objectId: a, granteeType: 'user', grantee: viewerId, permission: 'view' },
        owner,
      );
      expect(granted.status).toBe(200);

      const readA = await api.call('dashboards.get', { id: a }, viewer);
      expect(readA.data).toMatchObject({ id: a, permission: 'view', document: { title: 'A' } });
      expect(code(await api.call('dashboards.history', { id: a }, viewer))).toBe('OK');

      const readB = await api.call('dashboards.get', { id: b }, viewer);
      expect(readB.status).toBe(404);
      // The same answer as for an id that never existed: nothing tells the two apart.
      const missing = await api.call('dashboards.get', { id: '00000000-0000-4000-8000-000000000000' }, viewer);
      expect(readB.error.data.nautilus.message.replace(b, 'X')).toBe(
        missing.error.data.nautilus.message.replace('00000000-0000-4000-8000-000000000000', 'X'),
      );
      expect(code(await api.call('dashboards.history', { id: b }, viewer))).toBe('NOT_FOUND');

      const listed = (await api.call('dashboards.list', undefined, viewer)).data.map((item: { id: string }) => item.id);
      expect(listed).toContain(a);
      expect(listed).not.toContain(b);

      // Even an edit grant leaves a viewer read-only: the global role is the ceiling.
      await api.call(
        'sharing.grant',
        { objectType: 'dashboard', objectId: a, granteeType: 'user', grantee: viewerId, permission: 'edit' },
        owner,
      );
      expect((await api.call('dashboards.get', { id: a }, viewer)).data.permission).toBe('view');
      const save = await api.call('dashboards.save', { id: a, baseVersion: 1, document: sampleDocument('A2') }, viewer);
      expect(code(save)).toBe('FORBIDDEN');
      expect((await api.call('dashboards.get', { id: a }, owner)).data.version).toBe(1);
    });

    it('an editor with view may read but not save, restore, move or delete; with edit saves but does not delete', async () => {
      const a = await privateDashboard('Desk');
      expect(code(await api.call('dashboards.get', { id: a }, editor))).toBe('NOT_FOUND');
      const saveUnseen = await api.call('dashboards.save', { id: a, baseVersion: 1, document: sampleDocument('x') }, editor);
      expect(code(saveUnseen)).toBe('NOT_FOUND');

      const grant = (permission: string) =>
        api.call(
          'sharing.grant',
          { objectType: 'dashboard', objectId: a, granteeType: 'user', grantee: editorId, permission },
          owner,
        );
      await grant('view');
      expect(code(await api.call('dashboards.save', { id: a, baseVersion: 1, document: sampleDocument('x') }, editor))).toBe(
        'FORBIDDEN',
      );
      expect(code(await api.call('dashboards.restore', { id: a, version: 1, baseVersion: 1 }, editor))).toBe('FORBIDDEN');
      expect(code(await api.call('dashboards.move', { id: a, folder: 'Mine' }, editor))).toBe('FORBIDDEN');
      expect(code(await api.call('dashboards.delete', { id: a }, editor))).toBe('FORBIDDEN');

      await grant('edit');
      expect(code(await api.call('dashboards.save', { id: a, baseVersion: 1, document: sampleDocument('v2') }, editor))).toBe(
        'OK',
      );
      expect(code(await api.call('dashboards.delete', { id: a }, editor))).toBe('FORBIDDEN');
      expect(code(await api.call('sharing.links', { dashboardId: a }, editor))).toBe('FORBIDDEN');

      await grant('admin');
      expect(code(await api.call('dashboards.delete', { id: a }, editor))).toBe('OK');
    });

    it('a role grant reaches that role and every higher one; removing it hides the dashboard again', async () => {
      const a = await privateDashboard('Team');
      const roleGrant = { objectType: 'dashboard', objectId: a, granteeType: 'role', grantee: 'viewer' };
      await api.call('sharing.grant', { ...roleGrant, permission: 'view' }, owner);
      expect((await api.call('dashboards.get', { id: a }, viewer)).data.permission).toBe('view');
      expect((await api.call('dashboards.get', { id: a }, editor)).data.permission).toBe('view');
      const grants = (await api.call('sharing.grants', { objectType: 'dashboard', objectId: a }, owner)).data;
      expect(grants).toEqual([expect.objectContaining({ granteeType: 'role', grantee: 'viewer', permission: 'view' })]);

      expect(code(await api.call('sharing.revoke', roleGrant, owner))).toBe('OK');
      expect(code(await api.call('dashboards.get', { id: a }, viewer))).toBe('NOT_FOUND');
      // The owner and global admins always keep admin.
      expect((await api.call('dashboards.get', { id: a }, owner)).data.permission).toBe('admin');
      expect((await api.call('dashboards.get', { id: a }, admin)).data.permission).toBe('admin');
    });

    it('new objects are shared with the team unless created private, as every object was before', async () => {
      const team = (await api.call('dashboards.create', { document: sampleDocument('Everyone') }, owner)).data.id;
      expect((await api.call('dashboards.get', { id: team }, viewer)).data.permission).toBe('view');
      expect((await api.call('dashboards.get', { id: team }, editor)).data.permission).toBe('edit');
      const listed = (await api.call('dashboards.list', undefined, editor)).data.find((item: { id: string }) => item.id === team);
      expect(listed).toMatchObject({ permission: 'edit', folder: null });
      // Only someone with admin on it manages its sharing.
      const refused = await api.call(
        'sharing.grant',
        { objectType: 'dashboard', objectId: team, granteeType: 'user', grantee: editorId, permission: 'admin' },
        editor,
      );
      expect(code(refused)).toBe('FORBIDDEN');
    });

    it('files dashboards in folders and searches titles among visible ones only', async () => {
      const q1 = (await api.call('dashboards.create', { title: 'Rates Q1', folder: 'Macro' }, owner)).data.id;
      const q2 = (await api.call('dashboards.create', { title: 'Rates Q2' }, owner)).data.id;
      const hidden = (await api.call('dashboards.create', { title: 'Rates secret', access: 'private' }, owner)).data.id;
      expect((await api.call('dashboards.move', { id: q2, folder: '  Macro ' }, owner)).data).toEqual({
        id: q2,
        folder: 'Macro',
      });
      const inMacro = (await api.call('dashboards.list', { folder: 'Macro' }, viewer)).data.map(
        (item: { id: string }) => item.id,
      );
      expect(inMacro.sort()).toEqual([q1, q2].sort());
      const found = (await api.call('dashboards.list', { search: 'rates' }, viewer)).data.map((item: { id: string }) => item.id);
      expect(found.sort()).toEqual([q1, q2].sort());
      expect(
        (await api.call('dashboards.list', { search: 'rates' }, owner)).data.map((item: { id: string }) => item.id),
      ).toContain(hidden);
      // LIKE wildcards in the search are plain text.
      expect((await api.call('dashboards.list', { search: '%' }, owner)).data).toEqual([]);
      await api.call('dashboards.move', { id: q1, folder: null }, owner);
      const top = (await api.call('dashboards.list', { folder: null }, viewer)).data.map((item: { id: string }) => item.id);
      expect(top).toContain(q1);
      expect(top).not.toContain(q2);
    });

    it('applies the same rules to strategies and portfolios', async () => {
      const strategy = (
        await api.call('strategies.create', { source: RHYTHM_TRADER, name: 'Private trader', access: 'private' }, owner)
      ).data.id;
      expect(code(await api.call('strategies.get', { id: strategy }, editor))).toBe('NOT_FOUND');
      expect(code(await api.call('strategies.versions', { id: strategy }, editor))).toBe('NOT_FOUND');
      expect((await api.call('strategies.list', undefined, editor)).data.map((item: { id: string }) => item.id)).not.toContain(
        strategy,
      );
      await api.call(
        'sharing.grant',
        { objectType: 'strategy', objectId: strategy, granteeType: 'user', grantee: editorId, permission: 'view' },
        owner,
      );
      expect((await api.call('strategies.get', { id: strategy }, editor)).data.permission).toBe('view');
      const save = await api.call('strategies.save', { id: strategy, baseVersion: 1, source: `${RHYTHM_TRADER}\n` }, editor);
      expect(code(save)).toBe('FORBIDDEN');
      expect(code(await api.call('strategies.delete', { id: strategy }, editor))).toBe('FORBIDDEN');

      const portfolio = (await api.call('portfolios.create', { ...PORTFOLIO, access: 'private' }, owner)).data.id;
      expect(code(await api.call('portfolios.get', { id: portfolio }, viewer))).toBe('NOT_FOUND');
      expect((await api.call('portfolios.list', undefined, viewer)).data).toEqual([]);
      // Its risk, by id through risk.* or by name through a nautilus.core/risk panel, is as hidden as the portfolio.
      const hidden = /^Portfolio (\S+) does not exist/;
      const risk = await api.call('risk.var', { portfolioId: portfolio, method: 'parametric' }, viewer);
      expect(risk.error?.data.nautilus).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(hidden) });
      const panel = await api.call(
        'dataSources.query',
        { dataSource: 'nautilus.core/risk', params: { portfolio: PORTFOLIO.name, view: 'var' } },
        viewer,
      );
      expect(panel.error?.data.nautilus).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(hidden) });
      // The owner gets past the check (to the bars, which these fixture plugins do not serve).
      const owners = await api.call('risk.var', { portfolioId: portfolio, method: 'parametric' }, owner);
      expect(owners.error?.data.nautilus.message).not.toMatch(hidden);
      await api.call(
        'sharing.grant',
        { objectType: 'portfolio', objectId: portfolio, granteeType: 'role', grantee: 'editor', permission: 'edit' },
        owner,
      );
      expect(code(await api.call('portfolios.get', { id: portfolio }, viewer))).toBe('NOT_FOUND');
      const update = await api.call('portfolios.update', { ...PORTFOLIO, capital: 5, id: portfolio, baseVersion: 1 }, editor);
      expect(update.data).toMatchObject({ capital: 5, version: 2 });
      expect(code(await api.call('portfolios.delete', { id: portfolio }, editor))).toBe('FORBIDDEN');
      expect(code(await api.call('portfolios.delete', { id: portfolio }, owner))).toBe('OK');
      expect(await api.services.db.selectFrom('object_grants').selectAll().where('object_id', '=', portfolio).execute()).toEqual(
        [],
      );
    });
  });
}
