import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Tables } from '../db/tables.ts';

/** The address of the username-wide throttle row, which counts failures from every address. */
export const ALL_ADDRESSES = '*';

export interface ThrottleRule {
  /** Failures allowed before each further attempt must wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * One address guessing one username: 3 free failures, then 1 s, 2 s, 4 s … up to 15 min. A stranger
 * who runs into this locks out only their own address, never the owner's.
 */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 3, firstDelayMs: 1000, maxDelayMs: 15 * 60_000 };

/**
 * One username from every address together (against guessing spread over many addresses): much
 * looser, capped at a minute, and skipped for addresses the user logged in from before.
 */
export const USERNAME_RULE: ThrottleRule = { freeFailures: 20, firstDelayMs: 1000, maxDelayMs: 60_000 };

/** Counts start over after a day without attempts. */
const FORGET_AFTER = sql`interval '1 day'`;

/** How long after the last failure the next attempt must wait under `rule`. */
export function loginDelayMs(failures: number, rule: ThrottleRule = ADDRESS_RULE): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.firstDelayMs * 2 ** Math.min(failures - rule.freeFailures, 30), rule.maxDelayMs);
}

/** {@link loginDelayMs} in SQL, for a failure count expression. */
function delayMs(failures: RawBuilder<unknown>, rule: ThrottleRule): RawBuilder<number> {
  const free = sql.lit(rule.freeFailures);
  return sql<number>`(case when ${failures} < ${free} then 0 else least(${sql.lit(rule.firstDelayMs)} * power(2, least(${failures} - ${free}, 30)), ${sql.lit(rule.maxDelayMs)}) end)`;
}

export interface Reservation {
  allowed: boolean;
  /** Failures counted so far, this attempt included when allowed. */
  failures: number;
  /** Refused: how long until an attempt is allowed. Allowed: how long the next one must wait if this one fails. */
  waitMs: number;
}

/**
 * Counts a login attempt BEFORE its password is checked, in one atomic statement, and says whether
 * it may go ahead. Concurrent attempts (parallel requests, other instances on the same database)
 * queue on the row, so no more attempts get through than the rule allows. The database clock is
 * the only clock, so instances agree; `now()` is one instant for the whole statement. A success
 * clears the count ({@link clearLoginFailures}).
 */
export async function reserveLoginAttempt(
  db: Kysely<Tables>,
  username: string,
  address: string,
  rule: ThrottleRule,
): Promise<Reservation> {
  const base = sql`(case when t.last_attempt_at < now() - ${FORGET_AFTER} then 0 else t.failures end)`;
  const allowed = sql`(${base} < ${sql.lit(rule.freeFailures)} or now() >= t.last_attempt_at + ${delayMs(base, rule)} * interval '1 millisecond')`;
  const { rows } = await sql<{ allowed: boolean; failures: number; wait_ms: number }>`
    insert into login_throttle as t (username, address, failures, last_attempt_at, allowed)
    values (${username}, ${address}, 1, now(), true)
    on conflict (username, address) do update set
      failures = case when ${allowed} then ${base} + 1 else t.failures end,
      last_attempt_at = case when ${allowed} then now() else t.last_attempt_at end,
      allowed = ${allowed}
    returning t.allowed, t.failures,
      greatest(0, ceil(extract(epoch from t.last_attempt_at - now()) * 1000 + ${delayMs(sql`t.failures`, rule)}))::float8 as wait_ms`.execute(
    db,
  );
  const row = rows[0] as { allowed: boolean; failures: number; wait_ms: number };
  return { allowed: row.allowed, failures: row.failures, waitMs: Number(row.wait_ms) };
}

/** Takes back an attempt reserved by {@link reserveLoginAttempt} that never reached the password check. */
export async function refundLoginAttempt(db: Kysely<Tables>, username: string, address: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('username', '=', username)
    .where('address', '=', address)
    .where('failures', '>', 0)
    .execute();
}

/** After a successful login: the counts of this address and of the username start over. */
export async function clearLoginFailures(db: Kysely<Tables>, username: string, address: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('username', '=', username)
    .where('address', 'in', [address, ALL_ADDRESSES])
    .execute();
}

/** Deletes counts nobody added to for a day (they would start over anyway). */
export async function pruneLoginThrottle(db: Kysely<Tables>): Promise<void> {
  await db.deleteFrom('login_throttle').where(sql<boolean>`last_attempt_at < now() - ${FORGET_AFTER}`).execute();
}
