import { resolve } from 'node:path';
import type { Config } from '../config.ts';
import { backupEmbedded } from './backup-embedded.ts';
import type { BackupManifest } from './backup-manifest.ts';
import { backupPostgres } from './backup-postgres.ts';
import { type RestoreResult, restoreBackup } from './restore-backup.ts';

/** Progress lines go to stderr, so stdout holds only the summary. */
const progress = (line: string) => console.error(`backup: ${line}`);

/** `nautilus backup <file>`: the embedded database offline, or PostgreSQL (DATABASE_URL) with pg_dump; returns the summary. */
export async function backupCommand(config: Config, file: string): Promise<string> {
  const options = { dataDir: config.dataDir, secretsKey: config.secretsKey, file: resolve(file), progress };
  const manifest = config.databaseUrl
    ? await backupPostgres({ ...options, databaseUrl: config.databaseUrl })
    : await backupEmbedded(options);
  return [`backed up to ${options.file} (mode 0600: it holds the secrets key and password hashes)`, ...describe(manifest)].join(
    '\n',
  );
}

/** `nautilus restore <file>`: checks the whole file, then restores it into the data dir (and DATABASE_URL). */
export async function restoreCommand(config: Config, file: string, force: boolean): Promise<string> {
  const result: RestoreResult = await restoreBackup({
    file: resolve(file),
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    force,
    progress: (line) => console.error(`restore: ${line}`),
  });
  return [
    `restored ${resolve(file)} into ${config.dataDir}${config.databaseUrl ? ' and DATABASE_URL' : ''}`,
    ...describe(result.manifest),
    ...(result.movedAside ? [`the data dir that was there is kept at ${result.movedAside}`] : []),
    'start the server as usual: migrations newer than the backup run then',
  ].join('\n');
}

function describe(manifest: BackupManifest): string[] {
  const rows = Object.values(manifest.database.rowCounts).reduce((sum, count) => sum + count, 0);
  const lines = [
    `  made ${manifest.createdAt} by Nautilus ${manifest.nautilusVersion}; ${manifest.database.kind} database at migration ${manifest.database.migrations.at(-1) ?? '(none)'}`,
    `  ${Object.keys(manifest.database.rowCounts).length} tables, ${rows} rows; ${manifest.parts.length - 1} data-dir files`,
  ];
  if (manifest.secretsKey === 'environment') {
    lines.push(
      '  NOTE: the secrets key comes from NAUTILUS_SECRETS_KEY and is not in the backup: keep it with the backup, or stored provider secrets cannot be read',
    );
  }
  return lines;
}
