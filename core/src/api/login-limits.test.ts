import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type CallResult, type Harness, openHarness, PASSWORD } from '../../test/harness.ts';
import { createApiKey } from '../auth/api-keys.ts';
import { USERNAME_RULE } from '../auth/login-throttle.ts';
import { createUser } from '../auth/users.ts';

const WRONG = 'not the password 1234';

/** Passwords checked (argon2 runs) by `api`'s logins so far. */
async function passwordChecks(...apis: Harness[]): Promise<number> {
  let total = 0;
  for (const api of apis) for (const value of (await api.services.metrics.passwordChecks.get()).values) total += value.value;
  return total;
}

function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) };
}

const login = (api: Harness, username: string, password: string, address: string) =>
  api.call('auth.login', { username, password }, { address });

function expectRateLimited(result: CallResult, ...limits: string[]): number {
  expect(result.status).toBe(429);
  const { code, details } = result.error.data.nautilus;
  expect(code).toBe('RATE_LIMITED');
  expect(limits).toContain(details.limit);
  const seconds = details.retryAfterSeconds as number;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(result.headers.get('retry-after')).toBe(String(seconds));
  return seconds;
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`login limits on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    const log = capturingLogger();
    let users = 0;
    const newUser = async () => {
      const username = `user-${++users}`;
      await createUser(api.services.db, { username, password: PASSWORD, role: 'viewer' });
      return username;
    };

    beforeAll(async () => {
      database = await dialect.create();
      // The instance budget has a test of its own below; here it would only add noise.
      api = await openHarness(database, { logger: log.logger, env: { NAUTILUS_LOGIN_CHECKS_PER_SECOND: '1000' } });
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    it('refuses any batch holding auth.login with a 400 that says why, before checking a password', async () => {
      const before = await passwordChecks(api);
      const attempts = [
        { path: 'auth.login,auth.login', calls: 2 },
        { path: 'auth.me,auth.login', calls: 2 },
        { path: 'auth.login,no.such.procedure', calls: 2 },
        { path: 'auth.logout,auth.login/', calls: 2 },
        { path: 'auth.login', calls: 1 },
        { path: 'auth.login%2Cauth.login', calls: 2 },
        { path: Array.from({ length: 1400 }, () => 'auth.login').join(','), calls: 1400 },
      ];
      for (const { path, calls } of attempts) {
        const body = Object.fromEntries(
          Array.from({ length: calls }, (_, index) => [index, { username: 'admin', password: index === 0 ? PASSWORD : WRONG }]),
        );
        const response = await api.request(`/trpc/${path}?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const what = path.slice(0, 40);
        expect(response.status, what).toBe(400);
        expect(response.headers.get('set-cookie')).toBeNull();
        const answer = (await response.json()) as { error: { data: { nautilus: { code: string; message: string } } } };
        expect(answer.error.data.nautilus, what).toEqual(
          expect.objectContaining({
            code: 'VALIDATION',
            message: 'auth.login cannot be batched: send it alone, as POST /trpc/auth.login without ?batch=1.',
          }),
        );
      }
      const get = await api.request(`/trpc/auth.login,auth.login?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`);
      expect(get.status).toBe(400);
      expect(await passwordChecks(api)).toBe(before);
      expect(await api.services.db.selectFrom('login_throttle').selectAll().where('username', '=', 'admin').execute()).toEqual(
        [],
      );
    });

    it('checks at most the free failures of 40 parallel wrong guesses, then refuses the right password too', async () => {
      const username = await newUser();
      const before = await passwordChecks(api);
      const guesses = await Promise.all(Array.from({ length: 40 }, () => login(api, username, WRONG, '203.0.113.1')));
      expect(await passwordChecks(api)).toBeLessThanOrEqual(before + 3);
      expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(3);
      // Refused by the address's failure count, or (40 at once) by its password-check budget.
      for (const guess of guesses.filter((guess) => guess.status !== 401))
        expectRateLimited(guess, 'address-username', 'address');
      const right = await login(api, username, PASSWORD, '203.0.113.1');
      expectRateLimited(right, 'address-username');
      expect(right.headers.get('set-cookie')).toBeNull();
      expect(await passwordChecks(api)).toBeLessThanOrEqual(before + 3);
    });

    it('does not let a stranger lock the owner out, and logs the lockout without the password', async () => {
      const username = await newUser();
      expect((await login(api, username, PASSWORD, '192.0.2.10')).status).toBe(200);
      const user = await api.services.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const { key } = await createApiKey(api.services.db, user.id, 'automation');

      for (let i = 0; i < 40; i++) await login(api, username, WRONG, '198.51.100.66');
      expectRateLimited(await login(api, username, PASSWORD, '198.51.100.66'), 'address-username');
      expect((await login(api, username, PASSWORD, '192.0.2.10')).status).toBe(200);
      expect((await login(api, username, PASSWORD, '192.0.2.99')).status).toBe(200);
      expect((await api.call('auth.me', undefined, { apiKey: key })).data).toMatchObject({ username, via: 'api-key' });

      const lockouts = log.lines.map((line) => JSON.parse(line)).filter((line) => line.username === username);
      expect(lockouts[0]).toMatchObject({
        level: 40,
        username,
        address: '198.51.100.66',
        scope: 'address',
        failures: 3,
        lockedForSeconds: 1,
        msg: 'login locked for this address after repeated failures',
      });
      expect(log.lines.join('\n')).not.toContain(WRONG);
      expect(log.lines.join('\n')).not.toContain(PASSWORD);
    });

    it('holds back a username guessed from many addresses for a minute at most, never at an address it logged in from', async () => {
      const username = await newUser();
      expect((await login(api, username, PASSWORD, '192.0.2.20')).status).toBe(200);
      for (let i = 0; i < USERNAME_RULE.freeFailures; i++) {
        expect((await login(api, username, WRONG, `198.51.100.${100 + i}`)).status).toBe(401);
      }
      expectRateLimited(await login(api, username, WRONG, '198.51.100.200'), 'username');
      // However many failures pile up, an unknown address waits a minute at most, and a known one not at all.
      await api.services.db
        .updateTable('login_throttle')
        .set({ failures: 100_000 })
        .where('username', '=', username)
        .where('address', '=', '*')
        .execute();
      const held = await login(api, username, PASSWORD, '198.51.100.201');
      expect(expectRateLimited(held, 'username')).toBeLessThanOrEqual(60);
      expect((await login(api, username, PASSWORD, '192.0.2.20')).status).toBe(200);
      // The refused attempts did not count against the addresses they came from.
      const own = await api.services.db
        .selectFrom('login_throttle')
        .select('failures')
        .where('username', '=', username)
        .where('address', '=', '198.51.100.200')
        .executeTakeFirst();
      expect(own?.failures ?? 0).toBe(0);
    });

    it('bounds the password checks of a flood of new usernames from one address, and others still get in', async () => {
      const before = await passwordChecks(api);
      const flood = [];
      for (let i = 0; i < 30; i++) flood.push(await login(api, `flood-${i}`, WRONG, '198.51.100.250'));
      const checked = (await passwordChecks(api)) - before;
      expect(checked).toBeLessThanOrEqual(api.services.config.loginChecksPerMinutePerAddress + 1);
      const refused = flood.filter((result) => result.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(30 - checked);
      expectRateLimited(refused[0] as CallResult, 'address');
      const username = await newUser();
      expect((await login(api, username, PASSWORD, '192.0.2.30')).status).toBe(200);
    });
  });
}

describe.skipIf(dialects[0]?.skip)('the instance-wide password-check budget', () => {
  let database: TestDatabase;
  let api: Harness;
  beforeAll(async () => {
    database = await (dialects[0] as (typeof dialects)[number]).create();
    api = await openHarness(database, {
      env: { NAUTILUS_LOGIN_CHECKS_PER_SECOND: '1', NAUTILUS_LOGIN_CHECKS_PER_MINUTE_PER_ADDRESS: '1000' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('bounds logins from many addresses together, and an address the user logged in from still gets in', async () => {
    expect((await login(api, 'admin', PASSWORD, '192.0.2.1')).status).toBe(200);
    const before = await passwordChecks(api);
    const flood = await Promise.all(Array.from({ length: 20 }, (_, i) => login(api, `nobody-${i}`, WRONG, `198.51.100.${i}`)));
    // A burst of two, plus what one token a second refills while the flood runs.
    expect((await passwordChecks(api)) - before).toBeLessThanOrEqual(4);
    const refused = flood.filter((result) => result.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(16);
    expectRateLimited(refused[0] as CallResult, 'instance');
    expect((await login(api, 'admin', PASSWORD, '192.0.2.1')).status).toBe(200);
  });
});

const postgres = dialects.find((dialect) => dialect.name === 'postgres');
describe.skipIf(!postgres || postgres.skip)('login limits on two instances sharing PostgreSQL', () => {
  let database: TestDatabase;
  const instances: Harness[] = [];
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await database?.drop();
  });

  it('agree: 40 parallel wrong guesses spread over both get no more password checks than one instance allows', async () => {
    database = await (postgres as (typeof dialects)[number]).create();
    instances.push(await openHarness(database), await openHarness(database));
    const [first, second] = instances as [Harness, Harness];
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, index) => login(index % 2 ? second : first, 'admin', WRONG, '203.0.113.40')),
    );
    expect(guesses.filter((guess) => guess.status === 401)).toHaveLength(3);
    expect(await passwordChecks(first, second)).toBeLessThanOrEqual(3);
    for (const instance of instances)
      expectRateLimited(await login(instance, 'admin', PASSWORD, '203.0.113.40'), 'address-username');
    expect((await login(second, 'admin', PASSWORD, '203.0.113.41')).status).toBe(200);
  });
});
