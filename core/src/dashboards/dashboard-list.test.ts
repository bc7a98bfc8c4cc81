import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { sampleDocument } from '../../test/harness.ts';
import { createUser } from '../auth/users.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { createDashboard, getDashboard, listDashboards, saveDashboard } from './dashboard-store.ts';

const V0_DOCUMENT = JSON.parse(
  readFileSync(new URL('../../../sdk/src/dashboard/fixtures/v0-dashboard.json', import.meta.url), 'utf8'),
) as { widgets: unknown[] };

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`dashboards.list on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    let userId: string;

    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
      userId = (await createUser(opened.db, { username: 'lister', password: 'a long enough password', role: 'editor' })).id;
    });
    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    it('lists what each current document holds, read from each document itself', async () => {
      const empty = await createDashboard(opened.db, userId, { ...sampleDocument('Empty'), tags: [], panels: [] });
      const tagged = await createDashboard(opened.db, userId, { ...sampleDocument('Tagged'), tags: ['fx', 'rates', 'ü-tag'] });
      const many = sampleDocument('Many panels');
      const [panel] = many.panels as Record<string, unknown>[];
      many.panels = Array.from({ length: 7 }, (_, index) => ({
        ...panel,
        id: `p${index}`,
        gridPos: { x: 0, y: index * 8, w: 12, h: 8 },
      }));
      const saved = await createDashboard(opened.db, userId, sampleDocument('Before save'));
      await saveDashboard(opened.db, userId, { id: saved.id, baseVersion: 1, document: many });

      const listed = await listDashboards(opened.db);
      expect(listed.map((item) => item.id)).toEqual([saved.id, tagged.id, empty.id]);
      for (const item of listed) {
        const { document, version, updatedAt, updatedBy, folder } = await getDashboard(opened.db, item.id);
        expect(item).toEqual({
          id: item.id,
          title: document.title,
          version,
          tags: document.tags,
          panelCount: document.panels.length,
          updatedAt,
          updatedBy,
          folder,
          owner: 'lister',
          // Listed without an actor: everything, as an admin sees it.
          permission: 'admin',
        });
      }
      expect(listed.find((item) => item.id === saved.id)).toMatchObject({ title: 'Many panels', version: 2, panelCount: 7 });
      expect(listed.find((item) => item.id === tagged.id)?.tags).toEqual(['fx', 'rates', 'ü-tag']);
      expect(listed.find((item) => item.id === empty.id)).toMatchObject({ tags: [], panelCount: 0, updatedBy: 'lister' });
    });

    it('lists a document stored under an older schema version as it reads once migrated', async () => {
      const id = randomUUID();
      const stored = JSON.stringify(V0_DOCUMENT);
      await opened.db
        .insertInto('dashboards')
        .values({
          id,
          title: 'Morning desk',
          version: 1,
          document: stored,
          created_by: userId,
          updated_by: userId,
          updated_at: new Date(),
        })
        .execute();
      const listed = (await listDashboards(opened.db)).find((item) => item.id === id);
      // v0 has no tags, and each of its widgets becomes a panel.
      expect(listed).toMatchObject({ title: 'Morning desk', tags: [], panelCount: V0_DOCUMENT.widgets.length });
      expect(V0_DOCUMENT.widgets.length).toBeGreaterThan(0);
      const { document } = await getDashboard(opened.db, id);
      expect(listed?.panelCount).toBe(document.panels.length);
    });
  });
}
