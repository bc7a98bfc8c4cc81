import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness, PASSWORD, sampleDocument } from '../../test/harness.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`audit log and user administration on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;
    let editor: Auth;
    let viewer: Auth;
    let editorName: string;

    const code = (result: { error?: { data: { nautilus: { code: string } } } }) => result.error?.data.nautilus.code ?? 'OK';

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database);
      admin = await api.loginAs('admin');
      editor = await api.loginAs('editor');
      viewer = await api.loginAs('viewer');
      editorName = (await api.call('auth.me', undefined, editor)).data.username;
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('records each mutation with its actor, action, target, version and outcome', async () => {
      const { id } = (await api.call('dashboards.create', { document: sampleDocument('Audited') }, editor)).data;
      await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('Audited v2') }, editor);
      // A refused save is recorded too, with its error code.
      await api.call('dashboards.save', { id, baseVersion: 1, document: sampleDocument('stale') }, editor);
      await api.call('dashboards.save', { id, baseVersion: 2, document: sampleDocument('no') }, viewer);

      const log = await api.call('audit.list', { targetType: 'dashboard', targetId: id }, admin);
      expect(log.status).toBe(200);
      const rows = log.data.entries.map((entry: Record<string, unknown>) => [
        entry.actorName,
        entry.action,
        entry.version,
        entry.outcome,
      ]);
      expect(rows).toEqual([
        [expect.stringMatching(/^viewer-/), 'dashboards.save', null, 'FORBIDDEN'],
        [editorName, 'dashboards.save', null, 'CONFLICT'],
        [editorName, 'dashboards.save', 2, 'ok'],
        [editorName, 'dashboards.create', 1, 'ok'],
      ]);
      expect(log.data.total).toBe(4);
      expect(log.data.entries[0]).toMatchObject({ targetType: 'dashboard', targetId: id, via: 'session' });
      expect(Date.parse(log.data.entries[0].at)).toBeGreaterThan(Date.now() - 60_000);
      // Reads are not changes.
      await api.call('dashboards.get', { id }, editor);
      expect((await api.call('audit.list', { targetId: id }, admin)).data.total).toBe(4);
    });

    it('filters by actor and action (or a whole area) and pages newest first', async () => {
      for (let i = 0; i < 5; i++) await api.call('dashboards.create', { title: `Page ${i}` }, admin);
      const first = await api.call('audit.list', { actor: 'admin', action: 'dashboards.create', pageSize: 2 }, admin);
      expect(first.data.total).toBe(5);
      expect(first.data.entries).toHaveLength(2);
      const third = await api.call('audit.list', { actor: 'admin', action: 'dashboards.create', pageSize: 2, page: 3 }, admin);
      expect(third.data.entries).toHaveLength(1);
      const area = await api.call('audit.list', { action: 'dashboards.', actor: editorName }, admin);
      expect(area.data.entries.every((entry: { action: string }) => entry.action.startsWith('dashboards.'))).toBe(true);
      expect(area.data.total).toBe(3);
      const facets = (await api.call('audit.facets', undefined, admin)).data;
      expect(facets.actions).toEqual(expect.arrayContaining(['dashboards.create', 'dashboards.save']));
    });

    it('lets only admins read the log and manage users; admins set a password or get a generated one once', async () => {
      for (const auth of [editor, viewer]) {
        expect(code(await api.call('audit.list', {}, auth))).toBe('FORBIDDEN');
        expect(code(await api.call('users.list', undefined, auth))).toBe('FORBIDDEN');
        expect(code(await api.call('users.create', { username: 'sneaky', role: 'admin' }, auth))).toBe('FORBIDDEN');
      }
      const weak = await api.call('users.create', { username: 'weakling', password: 'short', role: 'viewer' }, admin);
      expect(weak.error.data.nautilus.fields).toEqual([{ path: 'password', message: 'must be at least 12 characters' }]);

      const created = await api.call('users.create', { username: 'analyst', role: 'viewer' }, admin);
      expect(created.status).toBe(200);
      const { generatedPassword, id } = created.data;
      expect(generatedPassword).toMatch(/^[\w-]{24}$/);
      const login = await api.call('auth.login', { username: 'analyst', password: generatedPassword });
      expect(login.status).toBe(200);
      expect(JSON.stringify((await api.call('users.list', undefined, admin)).data)).not.toContain(generatedPassword);

      const chosen = await api.call('users.create', { username: 'trader', password: PASSWORD, role: 'editor' }, admin);
      expect(chosen.data).not.toHaveProperty('generatedPassword');

      const reset = await api.call('users.update', { id, generatePassword: true, role: 'editor' }, admin);
      expect(reset.data).toMatchObject({ role: 'editor', generatedPassword: expect.any(String) });
      expect(reset.data.generatedPassword).not.toBe(generatedPassword);
      const disabled = await api.call('users.update', { id, disabled: true }, admin);
      expect(disabled.data.disabled).toBe(true);
      expect((await api.call('auth.login', { username: 'analyst', password: reset.data.generatedPassword })).status).toBe(401);

      // The audit keeps who did it, never the password.
      const rows = (await api.call('audit.list', { targetType: 'user', targetId: id }, admin)).data.entries;
      expect(rows.map((row: { action: string }) => row.action)).toEqual(['users.update', 'users.update', 'users.create']);
      expect(JSON.stringify(rows)).not.toContain(reset.data.generatedPassword);
    });

    it('lets admins make and revoke API keys for anyone, others only for themselves', async () => {
      const editorId = (await api.call('auth.me', undefined, editor)).data.id;
      const forEditor = await api.call('apiKeys.create', { name: 'ci', userId: editorId }, admin);
      expect(forEditor.status).toBe(200);
      expect((await api.call('auth.me', undefined, { apiKey: forEditor.data.key })).data.username).toBe(editorName);
      const adminId = (await api.call('auth.me', undefined, admin)).data.id;
      expect(code(await api.call('apiKeys.create', { name: 'escalate', userId: adminId }, editor))).toBe('FORBIDDEN');
      expect(
        code(await api.call('apiKeys.create', { name: 'nobody', userId: '00000000-0000-4000-8000-000000000000' }, admin)),
      ).toBe('NOT_FOUND');
      const listed = (await api.call('apiKeys.list', undefined, admin)).data;
      expect(listed.find((key: { id: string }) => key.id === forEditor.data.id)).toMatchObject({ username: editorName });
      expect(code(await api.call('apiKeys.revoke', { id: forEditor.data.id }, admin))).toBe('OK');
      expect(code(await api.call('auth.me', undefined, { apiKey: forEditor.data.key }))).toBe('UNAUTHORIZED');
      const audit = (await api.call('audit.list', { action: 'apiKeys.' }, admin)).data.entries;
      expect(audit.map((row: { action: string; outcome: string }) => `${row.action} ${row.outcome}`)).toEqual([
        'apiKeys.revoke ok',
        'apiKeys.create NOT_FOUND',
        'apiKeys.create FORBIDDEN',
        'apiKeys.create ok',
      ]);
      expect(JSON.stringify(audit)).not.toContain(forEditor.data.key);
    });
  });
}
