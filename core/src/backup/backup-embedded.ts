import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isNautilusError, NautilusError } from '@nautilus/sdk';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { tightenDataDir } from '../db/data-dir-modes.ts';
import { CORE_VERSION } from '../version.ts';
import { writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from './backup-manifest.ts';
import { listDataDirFiles, stageDataDirFiles } from './data-dir-files.ts';
import { withEmbeddedDatabase } from './embedded-database.ts';

export interface BackupOptions {
  dataDir: string;
  /** NAUTILUS_SECRETS_KEY: when set, the key is not in the data dir and so not in the backup. */
  secretsKey: string | undefined;
  file: string;
  progress: (line: string) => void;
}

/** Refuses a backup file inside the data dir: the next backup would carry it, and one lost disk would take both. */
export function checkOutsideDataDir(file: string, dataDir: string): void {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  const inside = relative(real(dataDir), join(real(dirname(file)), basename(file)));
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new NautilusError(
      'VALIDATION',
      `${file} is inside the data dir ${dataDir}: write the backup elsewhere (another disk is better), so the next backup does not carry it.`,
    );
  }
}

/** A stage folder beside the backup file (same file system, so no copy across disks), private to this user. */
export function makeStageDir(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  return mkdtempSync(join(dirname(file), `.${basename(file)}.stage-`));
}

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
    const { files, skipped } = listDataDirFiles(dataDir, [file, stage]);
    for (const path of skipped) progress(`skipped ${path}: not a regular file or folder (a link is not followed)`);
    const dataParts = stageDataDirFiles(dataDir, files, stage);
    progress(`data dir: ${files.length} files (secrets key, installed plugins, plugin data)`);
    const manifest = await writeBackupFile(
      file,
      stage,
      {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        nautilusVersion: CORE_VERSION,
        createdAt: new Date().toISOString(),
        database: { kind: 'pglite', part: 'database/pglite.tar', ...facts },
        secretsKey: options.secretsKey ? 'environment' : files.includes('secrets.key') ? 'data-dir' : 'none',
      },
      [{ path: 'database/pglite.tar' }, ...dataParts],
    );
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    unlock();
  }
}
