import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNautilusError, NautilusError } from '@nautilus/sdk';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { tightenDataDir } from '../db/data-dir-modes.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { type BackupOptions, checkOutsideDataDir, makeStageDir, sealBackup } from './backup-staging.ts';
import { withEmbeddedDatabase } from './embedded-database.ts';

/**
 * Backs up the embedded database and the data dir's other files into one file. Offline only: the
 * data dir's lock is taken first, so a running server (which holds it) makes this refuse instead of
 * copying a database that is being written.
 */
export async function backupEmbedded(options: BackupOptions): Promise<BackupManifest> {
  const { dataDir, file, progress } = options;
  if (!existsSync(join(dataDir, 'db', 'PG_VERSION'))) {
    throw new NautilusError(
      'NOT_FOUND',
      `No embedded database in ${join(dataDir, 'db')}: nothing to back up. Point NAUTILUS_DATA_DIR or --data-dir at the server's data dir.`,
    );
  }
  checkOutsideDataDir(file, dataDir);
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (error) {
    if (!isNautilusError(error) || error.code !== 'CONFLICT') throw error;
    throw new NautilusError(
      'CONFLICT',
      `Cannot back up while a server uses the embedded database: ${error.message} (the embedded database is backed up with its server stopped; with DATABASE_URL, backups run while it serves).`,
      { cause: error },
    );
  }
  const stage = makeStageDir(file);
  try {
    progress(`reading the embedded database in ${join(dataDir, 'db')}`);
    const { facts, dump } = await withEmbeddedDatabase(dataDir, async (pglite, readFacts) => {
      const facts = await readFacts();
      // Flushes the WAL into the table files, so the copy needs no recovery when it opens.
      await pglite.exec('checkpoint');
      return { facts, dump: await pglite.dumpDataDir('none') };
    });
    tightenDataDir(dataDir);
    mkdirSync(join(stage, 'database'));
    writeFileSync(join(stage, 'database', 'pglite.tar'), new Uint8Array(await dump.arrayBuffer()));
    progress(
      `database: ${facts.migrations.length} migrations, ${Object.keys(facts.rowCounts).length} tables, ${dump.size} bytes`,
    );
    return await sealBackup(options, stage, { kind: 'pglite', part: 'database/pglite.tar', ...facts });
  } finally {
    rmSync(stage, { recursive: true, force: true });
    unlock();
  }
}
