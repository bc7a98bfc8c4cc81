import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
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
  /** Queries that failed since start: `constraint` (a unique or check violation, often an expected conflict) or `other`. */
  queryErrors: QueryErrorCounts;
  close(): Promise<void>;
}

export interface QueryErrorCounts {
  constraint: number;
  other: number;
}

/** A Kysely `log` that counts failed queries (SQLSTATE class 23 is a constraint violation). */
function countQueryErrors(counts: QueryErrorCounts): (event: LogEvent) => void {
  return (event) => {
    if (event.level !== 'error') return;
    const { code } = event.error as { code?: unknown };
    if (typeof code === 'string' && code.startsWith('23')) counts.constraint++;
    else counts.other++;
  };
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
  const queryErrors = { constraint: 0, other: 0 };
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log: countQueryErrors(queryErrors) });
  return {
    db,
    kind: 'postgres',
    queryErrors,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(join(dataDir, 'db'));
    const queryErrors = { constraint: 0, other: 0 };
    const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite), log: countQueryErrors(queryErrors) });
    return {
      db,
      kind: 'pglite',
      queryErrors,
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
