import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Database, openDatabase } from './database.ts';

const postgres = dialects.find((dialect) => dialect.name === 'postgres')!;

describe.skipIf(postgres.skip)('a PostgreSQL pool whose idle connection the server ends', () => {
  let database: TestDatabase;
  let opened: Database;
  const failures: Error[] = [];
  beforeAll(async () => {
    database = await postgres.create();
    opened = await openDatabase({ ...database.options, onConnectionError: (error) => failures.push(error) });
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  it('reports the failure instead of ending the process, and the next query gets a new connection', async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
    const pid = rows[0]!.pid;
    // A second session ends the pool's idle one, as a server restart or an admin would.
    const terminate = await openDatabase({ ...database.options, poolSize: 1 });
    try {
      await sql`select pg_terminate_backend(${pid})`.execute(terminate.db);
    } finally {
      await terminate.close();
    }
    await expect.poll(() => failures.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(failures[0]?.message).toMatch(/terminat/i);
    const again = await sql<{ one: number }>`select 1 as one`.execute(opened.db);
    expect(again.rows[0]?.one).toBe(1);
  });
});
