import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NautilusError } from '@nautilus/sdk';
import pg from 'pg';
import { tightenDataDir } from '../db/data-dir-modes.ts';
import { readBackupFile } from './backup-file.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { writeDataDirFiles } from './data-dir-files.ts';
import { checkMigrationLevel, type DatabaseFacts, readDatabaseFacts } from './database-facts.ts';
import { withEmbeddedDatabase } from './embedded-database.ts';
import { runPgTool } from './pg-tools.ts';
import { checkTarget, makeRestoreDir, swapIntoPlace } from './restore-target.ts';

export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** DATABASE_URL: a backup of a PostgreSQL database restores into this one, which must be empty. */
  databaseUrl: string | undefined;
  /** Move a data dir that holds anything aside instead of refusing. */
  force: boolean;
  progress: (line: string) => void;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Where the data dir that was there went, when --force moved it aside. */
  movedAside: string | undefined;
}

/**
 * Restores a backup file. The whole file is read and checked (format, version, every sha256, the
 * migration level) before anything is touched; the data dir is built in a temp folder beside the
 * target, its database opened and its row counts compared with the manifest, then renamed into place.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { file, dataDir, progress } = options;
  progress(`checking ${file}`);
  const { manifest, parts } = await readBackupFile(file);
  checkMigrationLevel(`The backup ${file}`, manifest.database.migrations);
  const kind = manifest.database.kind;
  if (kind === 'pglite' && options.databaseUrl) {
    throw new NautilusError(
      'VALIDATION',
      `${file} holds an embedded (PGlite) database, but DATABASE_URL is set: unset it to restore into the data dir ${dataDir}. Nothing was changed.`,
    );
  }
  if (kind === 'postgres' && !options.databaseUrl) {
    throw new NautilusError(
      'VALIDATION',
      `${file} holds a PostgreSQL database: set DATABASE_URL to an empty database to restore it into. Nothing was changed.`,
    );
  }
  checkTarget(dataDir, options.force);
  const bytesOf = (path: string) => parts.get(path) as Buffer;
  const restored = makeRestoreDir(dataDir);
  try {
    writeDataDirFiles(restored, manifest.parts, bytesOf);
    const database = bytesOf(manifest.database.part);
    if (kind === 'pglite') {
      progress(`unpacking the embedded database (${database.length} bytes)`);
      const facts = await withEmbeddedDatabase(
        restored,
        (_pglite, readFacts) => readFacts(),
        new Blob([new Uint8Array(database)]),
      );
      checkRestored(file, manifest, facts, 'Nothing was changed.');
      tightenDataDir(restored);
    } else {
      await restorePostgres(file, manifest, database, options.databaseUrl as string, progress);
    }
    const movedAside = swapIntoPlace(restored, dataDir);
    progress(`restored into ${dataDir}`);
    return { manifest, movedAside };
  } catch (error) {
    rmSync(restored, { recursive: true, force: true });
    throw error;
  }
}

/** The restored database must hold what the manifest says the backed-up one held. */
function checkRestored(file: string, manifest: BackupManifest, facts: DatabaseFacts, outcome: string): void {
  checkMigrationLevel(`The database in ${file}`, facts.migrations);
  const expected = manifest.database.rowCounts;
  const tables = new Set([...Object.keys(expected), ...Object.keys(facts.rowCounts)]);
  for (const table of tables) {
    if (expected[table] !== facts.rowCounts[table]) {
      throw new NautilusError(
        'VALIDATION',
        `${file} cannot be restored: its table ${table} holds ${facts.rowCounts[table] ?? 'no'} rows once restored, the manifest says ${expected[table] ?? 'none'}. ${outcome}`,
      );
    }
  }
}

async function restorePostgres(
  file: string,
  manifest: BackupManifest,
  dump: Buffer,
  databaseUrl: string,
  progress: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const query = async (text: string) => (await client.query(text)).rows;
  const dumpDir = mkdtempSync(join(tmpdir(), 'nautilus-restore-'));
  try {
    const before = await readDatabaseFacts(query);
    if (Object.keys(before.rowCounts).length > 0) {
      throw new NautilusError(
        'CONFLICT',
        `The database at DATABASE_URL already holds tables (${Object.keys(before.rowCounts).slice(0, 5).join(', ')}…): restore into an empty database (createdb a new one, or drop this one first; a restore never overwrites a PostgreSQL database). Nothing was changed.`,
      );
    }
    const dumpFile = join(dumpDir, 'postgres.dump');
    writeFileSync(dumpFile, dump, { mode: 0o600 });
    progress(`running pg_restore (${dump.length} bytes)`);
    await runPgTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', dumpFile], databaseUrl);
    checkRestored(
      file,
      manifest,
      await readDatabaseFacts(query),
      'The database at DATABASE_URL holds what pg_restore wrote; the data dir was not changed.',
    );
  } finally {
    rmSync(dumpDir, { recursive: true, force: true });
    await client.end().catch(() => {});
  }
}
