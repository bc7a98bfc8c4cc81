import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { BackupManifest } from './backup-manifest.ts';
import { type BackupOptions, checkOutsideDataDir, makeStageDir, sealBackup } from './backup-staging.ts';
import { readDatabaseFacts } from './database-facts.ts';
import { runPgTool } from './pg-tools.ts';

/**
 * Backs up a PostgreSQL database with `pg_dump --format=custom`, while the server runs: the row
 * counts and migration level in the manifest are read in the very snapshot pg_dump copies
 * (`pg_export_snapshot`). The data dir's files (secrets key, plugins) go in the same file.
 */
export async function backupPostgres(options: BackupOptions & { databaseUrl: string }): Promise<BackupManifest> {
  const { file, progress, dataDir, databaseUrl } = options;
  checkOutsideDataDir(file, dataDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const stage = makeStageDir(file);
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    const facts = await readDatabaseFacts(async (text) => (await client.query(text)).rows);
    progress(`database: ${facts.migrations.length} migrations, ${Object.keys(facts.rowCounts).length} tables; running pg_dump`);
    mkdirSync(join(stage, 'database'));
    await runPgTool(
      'pg_dump',
      ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${join(stage, 'database', 'postgres.dump')}`],
      databaseUrl,
    );
    await client.query('commit');
    return await sealBackup(options, stage, { kind: 'postgres', part: 'database/postgres.dump', ...facts });
  } finally {
    rmSync(stage, { recursive: true, force: true });
    await client.end().catch(() => {});
  }
}
