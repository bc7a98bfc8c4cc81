import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { sampleDocument } from '../../test/harness.ts';
import { createUser } from '../auth/users.ts';
import { listDashboards } from '../dashboards/dashboard-store.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { permissionOn } from './permissions.ts';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`upgrading to per-object permissions on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
    });
    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    it('hides nothing anyone saw before: existing objects get viewer=view and editor=edit', async () => {
      const { db } = opened;
      // Back to the schema before 0008_sharing (and the migrations after it), with objects made then.
      for (const table of ['plugin_installs', 'plugin_versions', 'trusted_keys']) await db.schema.dropTable(table).execute();
      await sql`delete from kysely_migration where name = '0009_plugin_installs'`.execute(db);
      await db.schema.dropTable('object_grants').execute();
      await db.schema.dropTable('share_links').execute();
      await db.schema.dropTable('audit_log').execute();
      await db.schema.alterTable('dashboards').dropColumn('folder').execute();
      await sql`delete from kysely_migration where name = '0008_sharing'`.execute(db);
      const author = await createUser(db, { username: 'author', password: 'a long enough password', role: 'editor' });
      const viewer = await createUser(db, { username: 'reader', password: 'a long enough password', role: 'viewer' });
      const editor = await createUser(db, { username: 'writer', password: 'a long enough password', role: 'editor' });
      const dashboard = randomUUID();
      await sql`insert into dashboards (id, title, version, document, created_by, updated_by, updated_at)
        values (${dashboard}, 'Old desk', 1, ${JSON.stringify(sampleDocument('Old desk'))}, ${author.id}, ${author.id}, now())`.execute(
        db,
      );
      const portfolio = randomUUID();
      await sql`insert into portfolios (id, name, capital, data_source, positions, version, created_by, updated_at)
        values (${portfolio}, 'Old book', 1000, 'nautilus.sim-market/bars', '[]', 1, null, now())`.execute(db);

      expect(await migrateToLatest(db)).toContain('0008_sharing');

      expect(await permissionOn(db, viewer, 'dashboard', dashboard)).toBe('view');
      expect(await permissionOn(db, editor, 'dashboard', dashboard)).toBe('edit');
      expect(await permissionOn(db, author, 'dashboard', dashboard)).toBe('admin');
      expect(await permissionOn(db, viewer, 'portfolio', portfolio)).toBe('view');
      expect(await permissionOn(db, editor, 'portfolio', portfolio)).toBe('edit');
      expect((await listDashboards(db, { actor: viewer })).map((item) => [item.title, item.folder, item.permission])).toEqual([
        ['Old desk', null, 'view'],
      ]);
    });
  });
}
