import { NautilusError } from '@nautilus/sdk';
import { MIGRATION_NAMES } from '../db/migrations.ts';

/** What a backup's manifest records about its database, and what a restore checks again. */
export interface DatabaseFacts {
  migrations: string[];
  rowCounts: Record<string, number>;
}

/** Runs one SQL statement and returns its rows: PGlite's `query` or a pg client's. */
export type RunQuery = (text: string) => Promise<Record<string, unknown>[]>;

/** The migrations a database ran and the rows of each of its tables (schema `public`). */
export async function readDatabaseFacts(query: RunQuery): Promise<DatabaseFacts> {
  const tables = await query(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables as { name: string }[]) {
    const counted = (await query(`select count(*)::text as count from "${name.replaceAll('"', '""')}"`)) as { count: string }[];
    rowCounts[name] = Number(counted[0]?.count ?? 0);
  }
  const migrations =
    'kysely_migration' in rowCounts
      ? ((await query('select name from kysely_migration order by name')) as { name: string }[]).map((row) => row.name)
      : [];
  return { migrations, rowCounts };
}

/** Refuses a database migrated by a newer Nautilus (migrations this code does not know); an older one migrates at start. */
export function checkMigrationLevel(what: string, migrations: readonly string[]): void {
  const known = new Set(MIGRATION_NAMES);
  const unknown = migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new NautilusError(
      'VALIDATION',
      `${what} was migrated by a newer Nautilus (migrations ${unknown.join(', ')} are unknown to this one, which knows up to ${MIGRATION_NAMES.at(-1)}); restore it with that version or newer. Nothing was changed.`,
      { details: { unknown } },
    );
  }
}
