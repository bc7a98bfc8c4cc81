import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { REDIS_URL, skipRedis } from '../../test/redis.ts';
import { createBus } from '../bus/create-bus.ts';
import type { RedisBus } from '../bus/redis-bus.ts';

// Two instances on one PostgreSQL database and one Redis: a key entered on one instance's Data
// sources page reaches the plugin on the other at once, without a restart.
const postgres = dialects.find((dialect) => dialect.name === 'postgres')!;

describe.skipIf(postgres.skip || skipRedis)('provider changes across instances', () => {
  let database: TestDatabase;
  let one: Harness;
  let two: Harness;
  let adminOne: Auth;
  let adminTwo: Auth;
  const buses: RedisBus[] = [];

  beforeAll(async () => {
    database = await postgres.create();
    for (let index = 0; index < 2; index++) buses.push((await createBus(REDIS_URL, () => {})) as RedisBus);
    one = await openHarness(database, { plugins: 'first-party', bus: buses[0] });
    two = await openHarness(database, { plugins: 'first-party', bus: buses[1] });
    adminOne = await one.loginAs('admin');
    adminTwo = await two.loginAs('admin');
  }, 60_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await Promise.all(buses.map((bus) => bus.close()));
    await database?.drop();
  });

  const fredKeyState = async (api: Harness, auth: Auth) =>
    (await api.call('providers.list', undefined, auth)).data.find((provider: { id: string }) => provider.id === 'nautilus.fred')
      .secrets[0].state;

  it('sets the plugin up again on the other instance with the stored key and saved settings', async () => {
    expect(await fredKeyState(two, adminTwo)).toBe('missing');
    const saved = await one.call(
      'providers.setSecret',
      { pluginId: 'nautilus.fred', name: 'FRED_API_KEY', value: 'shared-key-42' },
      adminOne,
    );
    expect(saved.status, JSON.stringify(saved.error)).toBe(200);
    await expect.poll(() => fredKeyState(two, adminTwo), { timeout: 5_000 }).toBe('stored');
    // The plugin on instance two now sends the key: without one it refuses before any request.
    const query = await two.call(
      'dataSources.query',
      { dataSource: 'nautilus.fred/info', params: { seriesId: 'GDP' } },
      adminTwo,
    );
    expect(query.error?.data?.nautilus?.message ?? '').not.toMatch(/needs an API key|FRED_API_KEY/);
  });
});
