import { existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { NautilusError } from '@nautilus/sdk';
import { CORE_VERSION } from '../version.ts';
import { writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from './backup-manifest.ts';
import { listDataDirFiles, stageDataDirFiles } from './data-dir-files.ts';

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
 * The steps every backup ends with, once its database part is in `stage`: the data dir's files
 * (secrets key, installed plugins, plugin data) staged beside it, then the one file written with its
 * manifest. Returns the manifest.
 */
export async function sealBackup(
  options: BackupOptions,
  stage: string,
  database: BackupManifest['database'],
): Promise<BackupManifest> {
  const { dataDir, file, progress } = options;
  const { files, skipped } = listDataDirFiles(dataDir, [file, stage]);
  for (const path of skipped) progress(`skipped ${path}: not a regular file or folder (a link is not followed)`);
  const dataParts = stageDataDirFiles(dataDir, files, stage);
  progress(`data dir: ${files.length} files (secrets key, installed plugins, plugin data)`);
  return await writeBackupFile(
    file,
    stage,
    {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      nautilusVersion: CORE_VERSION,
      createdAt: new Date().toISOString(),
      database,
      secretsKey: options.secretsKey ? 'environment' : files.includes('secrets.key') ? 'data-dir' : 'none',
    },
    [{ path: database.part }, ...dataParts],
  );
}
