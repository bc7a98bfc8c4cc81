import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseOptions } from '../src/db/database.ts';

/** The server the PostgreSQL cases run against; each test suite gets a database of its own on it. */
export const POSTGRES_URL = process.env.NAUTILUS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CI = process.env.CI === 'true';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresUp = await reachable(POSTGRES_URL);
if (!postgresUp && !CI)
  console.warn(`PostgreSQL at ${POSTGRES_URL} is unreachable: its cases are skipped (with CI=true they fail).`);

export interface TestDatabase {
  options: DatabaseOptions;
  drop(): Promise<void>;
}

export interface Dialect {
  name: 'pglite' | 'postgres';
  /** Skipped only outside CI; under CI=true an unreachable server fails the suite. */
  skip: boolean;
  create(): Promise<TestDatabase>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nautilus-test-'));
}

/** The same cases run on each: embedded PGlite and a real PostgreSQL server. */
export const dialects: Dialect[] = [
  {
    name: 'pglite',
    skip: false,
    async create() {
      const dataDir = tempDir();
      return { options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: !postgresUp && !CI,
    async create() {
      if (!postgresUp) throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable, and CI=true requires it`);
      const name = `nautilus_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${name}`;
      const dataDir = tempDir();
      return {
        options: { dataDir, databaseUrl: url.toString() },
        async drop() {
          rmSync(dataDir, { recursive: true, force: true });
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
        },
      };
    },
  },
];
