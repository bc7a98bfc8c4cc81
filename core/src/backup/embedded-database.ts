import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DatabaseFacts, readDatabaseFacts } from './database-facts.ts';

/**
 * Opens the PGlite database in `<dataDir>/db` as it is, without migrating it (a backup must not
 * change what it copies, and a restore checks the level before any migration), runs `work`, closes it.
 * The caller holds the data dir's lock, or owns the folder outright (a restore's temp dir).
 */
export async function withEmbeddedDatabase<T>(
  dataDir: string,
  work: (pglite: PGlite, facts: () => Promise<DatabaseFacts>) => Promise<T>,
  loadDataDir?: Blob,
): Promise<T> {
  const pglite = await PGlite.create(join(dataDir, 'db'), loadDataDir ? { loadDataDir } : {});
  try {
    return await work(pglite, () => readDatabaseFacts(async (text) => (await pglite.query<Record<string, unknown>>(text)).rows));
  } finally {
    if (!pglite.closed) await pglite.close();
  }
}
