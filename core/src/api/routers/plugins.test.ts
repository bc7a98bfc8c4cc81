import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../../test/databases.ts';
import { type Auth, FIXTURE_PLUGINS, type Harness, openHarness } from '../../../test/harness.ts';

// Any absolute path or file: URL; what a viewer must never be shown of the server's disk.
const ABSOLUTE_PATH = /(?<![\w.:/-])\/[\w.-]+\/|file:\/\//;

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`plugins.list per role on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    const auth: Partial<Record<'viewer' | 'editor' | 'admin', Auth>> = {};

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database);
      for (const role of ['viewer', 'editor', 'admin'] as const) auth[role] = await api.loginAs(role);
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('shows admins where each plugin lies and the full reason one failed', async () => {
      const list = (await api.call('plugins.list', undefined, auth.admin)).data as any[];
      const quotes = list.find((plugin) => plugin.id === 'test.quotes');
      expect(quotes.dir).toBe(`${FIXTURE_PLUGINS}/a-quotes`);
      const failedWithPath = list.filter((plugin) => plugin.error?.message.includes(FIXTURE_PLUGINS));
      expect(failedWithPath.length).toBeGreaterThan(0);
    });

    for (const role of ['viewer', 'editor'] as const) {
      it(`shows ${role}s every plugin, its state and why it failed, but no path on the server`, async () => {
        const admin = (await api.call('plugins.list', undefined, auth.admin)).data as any[];
        const list = (await api.call('plugins.list', undefined, auth[role])).data as any[];
        expect(list.map((plugin) => [plugin.id, plugin.state, plugin.source, plugin.error?.code])).toEqual(
          admin.map((plugin) => [plugin.id, plugin.state, plugin.source, plugin.error?.code]),
        );
        for (const plugin of list) expect(plugin).not.toHaveProperty('dir');
        const text = JSON.stringify(list);
        expect(text).not.toContain(FIXTURE_PLUGINS);
        expect(text).not.toMatch(ABSOLUTE_PATH);
        // What the builder shows for a panel whose plugin is down is still there, paths blanked out.
        const notAPlugin = list.find((plugin) => plugin.error?.message.includes('must default-export'));
        expect(notAPlugin.error.message).toMatch(/^Plugin at <path> must default-export definePlugin/);
        const duplicate = list.find((plugin) => plugin.error?.message.includes('already used by another plugin'));
        expect(duplicate.error.message).toBe(
          'Plugin id test.quotes at <path> is already used by another plugin; ids must be unique.',
        );
        expect(list.some((plugin) => plugin.error?.message.includes('requires Nautilus core ^9.0.0'))).toBe(true);
      });
    }
  });
}
