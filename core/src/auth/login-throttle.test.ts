import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Database, openDatabase } from '../db/database.ts';
import {
  ADDRESS_RULE,
  clearLoginFailures,
  loginDelayMs,
  pruneLoginThrottle,
  refundLoginAttempt,
  reserveLoginAttempt,
  USERNAME_RULE,
} from './login-throttle.ts';

describe('loginDelayMs', () => {
  it('lets the free failures through, then doubles from 1 s up to the rule’s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((failures) => loginDelayMs(failures))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(loginDelayMs(40)).toBe(15 * 60_000);
    expect(loginDelayMs(10_000)).toBe(15 * 60_000);
    expect(loginDelayMs(19, USERNAME_RULE)).toBe(0);
    expect(loginDelayMs(1_000, USERNAME_RULE)).toBe(60_000);
  });
});

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`login throttle on ${dialect.name}`, () => {
    let database: TestDatabase;
    let opened: Database;
    beforeAll(async () => {
      database = await dialect.create();
      opened = await openDatabase(database.options);
    });
    afterAll(async () => {
      await opened?.close();
      await database?.drop();
    });

    /** Moves the row's last attempt back in time, as if `ms` had passed. */
    const age = async (username: string, address: string, ms: number) =>
      sql`update login_throttle set last_attempt_at = last_attempt_at - ${sql.lit(ms)} * interval '1 millisecond'
          where username = ${username} and address = ${address}`.execute(opened.db);

    it('counts each attempt before it is checked and refuses the one past the free failures', async () => {
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await reserveLoginAttempt(opened.db, 'alice', '192.0.2.1', ADDRESS_RULE));
      expect(results.map((result) => result.allowed)).toEqual([true, true, true, false, false]);
      expect(results.map((result) => result.failures)).toEqual([1, 2, 3, 3, 3]);
      expect(results[2]?.waitMs).toBeGreaterThan(900);
      expect(results[3]?.waitMs).toBeGreaterThan(900);
      expect(results[3]?.waitMs).toBeLessThanOrEqual(1000);
    });

    it('lets exactly the free attempts through when 60 arrive at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 60 }, () => reserveLoginAttempt(opened.db, 'bob', '192.0.2.2', ADDRESS_RULE)),
      );
      expect(results.filter((result) => result.allowed)).toHaveLength(ADDRESS_RULE.freeFailures);
    });

    it('lets one attempt through once the wait is over, then doubles the wait', async () => {
      for (let i = 0; i < 3; i++) await reserveLoginAttempt(opened.db, 'carol', '192.0.2.3', ADDRESS_RULE);
      expect((await reserveLoginAttempt(opened.db, 'carol', '192.0.2.3', ADDRESS_RULE)).allowed).toBe(false);
      await age('carol', '192.0.2.3', 1100);
      const after = await Promise.all(
        Array.from({ length: 10 }, () => reserveLoginAttempt(opened.db, 'carol', '192.0.2.3', ADDRESS_RULE)),
      );
      expect(after.filter((result) => result.allowed)).toHaveLength(1);
      const refused = after.find((result) => !result.allowed);
      expect(refused?.failures).toBe(4);
      expect(refused?.waitMs).toBeGreaterThan(1900);
    });

    it('keeps addresses and usernames apart, and a success clears both of its counts', async () => {
      for (let i = 0; i < 3; i++) await reserveLoginAttempt(opened.db, 'dave', '192.0.2.4', ADDRESS_RULE);
      expect((await reserveLoginAttempt(opened.db, 'dave', '192.0.2.4', ADDRESS_RULE)).allowed).toBe(false);
      expect((await reserveLoginAttempt(opened.db, 'dave', '192.0.2.5', ADDRESS_RULE)).allowed).toBe(true);
      expect((await reserveLoginAttempt(opened.db, 'erin', '192.0.2.4', ADDRESS_RULE)).allowed).toBe(true);
      await reserveLoginAttempt(opened.db, 'dave', '*', USERNAME_RULE);
      await clearLoginFailures(opened.db, 'dave', '192.0.2.4');
      const left = await opened.db.selectFrom('login_throttle').select('address').where('username', '=', 'dave').execute();
      expect(left.map((row) => row.address)).toEqual(['192.0.2.5']);
      expect((await reserveLoginAttempt(opened.db, 'dave', '192.0.2.4', ADDRESS_RULE)).failures).toBe(1);
    });

    it('gives back a refunded attempt', async () => {
      for (let i = 0; i < 3; i++) await reserveLoginAttempt(opened.db, 'frank', '192.0.2.6', ADDRESS_RULE);
      await refundLoginAttempt(opened.db, 'frank', '192.0.2.6');
      expect(await reserveLoginAttempt(opened.db, 'frank', '192.0.2.6', ADDRESS_RULE)).toMatchObject({
        allowed: true,
        failures: 3,
      });
    });

    it('starts counting over after a day without attempts, and prunes such counts', async () => {
      for (let i = 0; i < 30; i++) await reserveLoginAttempt(opened.db, 'grace', '192.0.2.7', ADDRESS_RULE);
      await age('grace', '192.0.2.7', 25 * 3_600_000);
      expect(await reserveLoginAttempt(opened.db, 'grace', '192.0.2.7', ADDRESS_RULE)).toMatchObject({
        allowed: true,
        failures: 1,
      });
      await age('grace', '192.0.2.7', 25 * 3_600_000);
      await pruneLoginThrottle(opened.db);
      const rows = await opened.db.selectFrom('login_throttle').select('username').where('username', '=', 'grace').execute();
      expect(rows).toEqual([]);
    });
  });
}

const postgres = dialects.find((dialect) => dialect.name === 'postgres');
describe.skipIf(!postgres || postgres.skip)('login throttle on two connection pools on one PostgreSQL database', () => {
  let database: TestDatabase;
  const pools: Database[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database?.drop();
  });

  it('lets no more attempts through than one instance would', async () => {
    database = await (postgres as (typeof dialects)[number]).create();
    pools.push(await openDatabase(database.options), await openDatabase(database.options));
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, index) =>
        reserveLoginAttempt((pools[index % 2] as Database).db, 'admin', '198.51.100.1', ADDRESS_RULE),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(ADDRESS_RULE.freeFailures);
  });
});
