import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { tightenDataDir } from './data-dir-modes.ts';
import { migrateToLatest } from './migrations.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Tables } from './tables.ts';

export interface DatabaseOptions {
  /** `postgres://…`: use that server. Otherwise embedded PGlite in `<dataDir>/db`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /**
   * Called when an idle pooled PostgreSQL connection fails (the server restarted, or an admin ended
   * it); the pool drops it and opens another on the next query. Without a listener such an error
   * would end the process. Default: a process warning.
   */
  onConnectionError?: (error: Error) => void;
}

export interface Database {
  db: Kysely<Tables>;
  kind: 'pglite' | 'postgres';
  /** Connection pool figures for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Opens the database named by the options and migrates it to the latest schema. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onConnectionError)
    : await openPGlite(options.dataDir);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  // PGlite writes its files 0666 whatever the umask (it sets their modes itself): group and other
  // access comes off them once migrated and again at close. The data dir is 0700 meanwhile.
  if (database.kind === 'pglite') tightenDataDir(options.dataDir);
  return database;
}

function openPostgres(url: string, max: number, onConnectionError?: (error: Error) => void): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) => {
    if (onConnectionError) onConnectionError(error);
    else process.emitWarning(`an idle database connection failed: ${error.message}`, 'NautilusDatabaseWarning');
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(join(dataDir, 'db'));
    const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
      async close() {
        await db.destroy();
        await pglite.close();
        tightenDataDir(dataDir);
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
