import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { Tables, User } from '../db/tables.ts';
import { addressKey } from '../http/client-address.ts';
import { isKnownAddress, rememberAddress } from './known-addresses.ts';
import {
  ADDRESS_RULE,
  ALL_ADDRESSES,
  clearLoginFailures,
  pruneLoginThrottle,
  type Reservation,
  refundLoginAttempt,
  reserveLoginAttempt,
  USERNAME_RULE,
} from './login-throttle.ts';
import type { PasswordCheckBudget } from './password-check-budget.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { findUserByName } from './users.ts';

export interface LoginDeps {
  db: Kysely<Tables>;
  logger: Logger;
  budget: PasswordCheckBudget;
  /** Counts each password check (argon2 run), by outcome. */
  checks: Counter<'outcome'>;
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address (see client-address.ts). */
  address: string;
}

type Scope = 'address' | 'username';

let decoyHash: Promise<string> | undefined;
const PRUNE_EVERY_MS = 10 * 60_000;
const prunedAt = new WeakMap<Kysely<Tables>, number>();

/**
 * Checks a username and password. Before any argon2 work, in order: the password-check budget of
 * the client's address; the failure count of this address for this username and, unless the user
 * logged in from this address before, of the username from every address, each reserved
 * atomically in the database; then the instance's password-check budget (known addresses skip
 * it). Whatever refuses, nothing is left counted for the attempt. Unknown users cost the same
 * argon2 work as known ones.
 */
export async function login(deps: LoginDeps, attempt: LoginAttempt): Promise<User> {
  const { db } = deps;
  const { username, password } = attempt;
  const address = addressKey(attempt.address);
  const permit = deps.budget.forAddress(address);
  let known: boolean;
  let reservations: [Scope, Reservation][];
  try {
    known = await isKnownAddress(db, username, address);
    reservations = await reserveAttempt(db, username, address, known);
  } catch (error) {
    permit.refund();
    throw error;
  }
  if (!known) {
    try {
      deps.budget.forInstance(address);
    } catch (error) {
      permit.refund();
      for (const [scope] of reservations) await refundLoginAttempt(db, username, scope === 'address' ? address : ALL_ADDRESSES);
      throw error;
    }
  }
  const user = await findUserByName(db, username);
  decoyHash ??= hashPassword('decoy password never used');
  const valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  const ok = user !== undefined && valid && user.disabled_at === null;
  deps.checks.inc({ outcome: ok ? 'ok' : 'failed' });
  if (!ok) {
    for (const [scope, reservation] of reservations) {
      if (reservation.waitMs <= 0) continue;
      const lockedForSeconds = Math.ceil(reservation.waitMs / 1000);
      deps.logger.warn(
        { username, address: attempt.address, addressKey: address, scope, failures: reservation.failures, lockedForSeconds },
        scope === 'address'
          ? 'login locked for this address after repeated failures'
          : 'login locked for this username after failures from many addresses',
      );
    }
    pruneNowAndThen(deps);
    throw new NautilusError('UNAUTHORIZED', 'Wrong username or password.');
  }
  await clearLoginFailures(db, username, address);
  await rememberAddress(db, user.id, address);
  return user;
}

/** Reserves the attempt under each rule that applies; RATE_LIMITED (and nothing counted) when one refuses. */
async function reserveAttempt(db: Kysely<Tables>, username: string, address: string, known: boolean) {
  const own = await reserveLoginAttempt(db, username, address, ADDRESS_RULE);
  if (!own.allowed) {
    throw rateLimited(own.waitMs, 'address', `Too many failed logins for '${username}' from your address`);
  }
  const reservations: [Scope, Reservation][] = [['address', own]];
  if (known) return reservations;
  const everyone = await reserveLoginAttempt(db, username, ALL_ADDRESSES, USERNAME_RULE);
  if (!everyone.allowed) {
    await refundLoginAttempt(db, username, address);
    const reason = `Too many failed logins for '${username}' from many addresses`;
    throw rateLimited(everyone.waitMs, 'username', `${reason} (an address you logged in from before is not held back)`);
  }
  reservations.push(['username', everyone]);
  return reservations;
}

function rateLimited(waitMs: number, limit: Scope, reason: string): NautilusError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new NautilusError('RATE_LIMITED', `${reason}; try again in ${retryAfterSeconds} s.`, {
    details: { retryAfterSeconds, limit: limit === 'address' ? 'address-username' : 'username' },
  });
}

/** Old failure counts are swept by failed logins themselves (at most every 10 min), not by a timer. */
function pruneNowAndThen(deps: LoginDeps): void {
  const now = Date.now();
  if (now - (prunedAt.get(deps.db) ?? 0) < PRUNE_EVERY_MS) return;
  prunedAt.set(deps.db, now);
  pruneLoginThrottle(deps.db).catch((error) => deps.logger.warn({ err: error }, 'could not prune old login failure counts'));
}
