import { NautilusError } from '@nautilus/sdk';

/** What the first entry of a backup file, `manifest.json`, must say it is. */
export const BACKUP_FORMAT = 'nautilus-backup';
/** The layout written here; a file with a higher number was made by a newer Nautilus and is refused. */
export const BACKUP_FORMAT_VERSION = 1;

/** One entry of the backup after the manifest, with the checks a restore runs on it first. */
export interface BackupPart {
  /** `database/pglite.tar`, `database/postgres.dump`, or `data/<path inside the data dir>`. */
  path: string;
  bytes: number;
  sha256: string;
  /** Permission bits to restore a data-dir file with (0600 for the secrets key). */
  mode?: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  nautilusVersion: string;
  createdAt: string;
  database: {
    kind: 'pglite' | 'postgres';
    /** The part holding the database: a PGlite data-dir tarball, or a `pg_dump --format=custom` file. */
    part: string;
    /** Schema migrations the database had run, in name order; the last is its migration level. */
    migrations: string[];
    rowCounts: Record<string, number>;
  };
  /**
   * Where the key sealing stored provider secrets was: `data-dir` (in this backup, as
   * `data/secrets.key`), `environment` (NAUTILUS_SECRETS_KEY: not in the backup; keep it beside it)
   * or `none` (no secret was ever stored).
   */
  secretsKey: 'data-dir' | 'environment' | 'none';
  parts: BackupPart[];
}

/** A backup file that cannot be restored: foreign, damaged, or from a newer Nautilus. Names what is wrong. */
export function unreadableBackup(file: string, why: string, cause?: unknown): NautilusError {
  return new NautilusError('VALIDATION', `${file} cannot be restored: ${why}. Nothing was changed.`, {
    cause,
    details: { file },
  });
}

/** Checks the manifest's shape and format version; returns it typed. */
export function checkManifest(file: string, value: unknown): BackupManifest {
  const manifest = value as Partial<BackupManifest> | null;
  if (!manifest || typeof manifest !== 'object' || manifest.format !== BACKUP_FORMAT) {
    throw unreadableBackup(file, `its manifest.json does not describe a ${BACKUP_FORMAT} file`);
  }
  const version = manifest.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw unreadableBackup(file, `its format version '${String(version)}' is not a version number`);
  }
  if (version > BACKUP_FORMAT_VERSION) {
    throw unreadableBackup(
      file,
      `it is format version ${version}, made by Nautilus ${String(manifest.nautilusVersion)}; this Nautilus reads up to version ${BACKUP_FORMAT_VERSION}: restore it with that version or newer`,
    );
  }
  const database = manifest.database;
  if (
    !database ||
    (database.kind !== 'pglite' && database.kind !== 'postgres') ||
    typeof database.part !== 'string' ||
    !Array.isArray(database.migrations) ||
    !database.migrations.every((name) => typeof name === 'string') ||
    !Array.isArray(manifest.parts)
  ) {
    throw unreadableBackup(file, 'its manifest.json lacks the database description or the list of parts');
  }
  for (const part of manifest.parts) {
    if (
      !part ||
      typeof part.path !== 'string' ||
      typeof part.bytes !== 'number' ||
      typeof part.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(part.sha256)
    ) {
      throw unreadableBackup(file, `its manifest.json lists a part without a path, size and sha256: ${JSON.stringify(part)}`);
    }
    if (!isSafePartPath(part.path)) throw unreadableBackup(file, `its manifest.json lists an unsafe path '${part.path}'`);
  }
  if (!manifest.parts.some((part) => part.path === database.part)) {
    throw unreadableBackup(file, `its manifest.json names the database part '${database.part}' but does not list it`);
  }
  return manifest as BackupManifest;
}

/** Parts live under `database/` or `data/`, relative, with no `..`, empty or `.` segment. */
export function isSafePartPath(path: string): boolean {
  if (!/^(database|data)\//.test(path) || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
