import { afterAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';
import { REDIS_URL, skipRedis } from '../../test/redis.ts';
import { RHYTHM_TRADER, waitFor } from '../../test/strategies.ts';
import { createBus } from '../bus/create-bus.ts';
import { feedTopic } from '../market/feed-topic.ts';

const pglite = dialects.find((dialect) => dialect.name === 'pglite')!;
const postgres = dialects.find((dialect) => dialect.name === 'postgres')!;

async function deployTrader(api: Harness, editor: Auth, input: Record<string, unknown>) {
  let strategyId = (await api.call('strategies.list', undefined, editor)).data[0]?.id;
  strategyId ??= (await api.call('strategies.create', { source: RHYTHM_TRADER }, editor)).data.id;
  const result = await api.call('deployments.deploy', { strategyId, dataSource: 'nautilus.sim-market/bars', ...input }, editor);
  expect(result.error).toBeUndefined();
  return result.data;
}

describe('a deployment across a restart', () => {
  let database: TestDatabase | undefined;
  let api: Harness | undefined;
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('resumes with the same account, rebuilt by replaying its bars', async () => {
    database = await pglite.create();
    api = await openHarness(database, { plugins: 'first-party' });
    const editor = await api.loginAs('editor');
    const deployed = await deployTrader(api, editor, {
      symbol: 'SIM:ETHUSD',
      timeframe: '1m',
      warmupBars: 5,
      replay: { bars: 20, speed: 600 },
    });
    const get = async () => (await api!.call('deployments.get', { id: deployed.id }, editor)).data;
    const before = await waitFor(get, (current) => current.activity.equity.time.length >= 12);
    await api.close();

    api = await openHarness(database, { plugins: 'first-party' });
    const again = await api.loginAs('admin');
    expect(api.services.deployments.runningHere()).toEqual([deployed.id]);
    const after = (await api.call('deployments.get', { id: deployed.id }, again)).data;
    expect(after.status).toBe('running');
    expect(after.account.bars).toBeGreaterThanOrEqual(before.account.bars);
    const equityAt = new Map(
      after.activity.equity.time.map((time: number, index: number) => [time, after.activity.equity.equity[index]]),
    );
    const common = before.activity.equity.time.filter((time: number) => equityAt.has(time));
    expect(common.length).toBe(before.activity.equity.time.length);
    expect(common.map((time: number) => equityAt.get(time))).toEqual(before.activity.equity.equity);
  });
});

describe.skipIf(skipRedis || postgres.skip)('deployments on two instances sharing PostgreSQL and Redis', () => {
  let database: TestDatabase | undefined;
  const instances: Harness[] = [];
  afterAll(async () => {
    for (const instance of instances) await instance.close().catch(() => {});
    await database?.drop();
  });

  it("serves one instance's deployment from the other's feed over Redis, and takes over when that instance stops", async () => {
    database = await postgres.create();
    const open = async () => {
      const bus = await createBus(REDIS_URL, () => {});
      const instance = await openHarness(database!, { plugins: 'first-party', bus, leaseMs: 1_500 });
      instances.push(instance);
      return instance;
    };
    const a = await open();
    const b = await open();
    const editorA = await a.loginAs('editor');
    const editorB = await b.loginAs('admin');
    // Daily bars replayed at one day per 100 ms; both deployments share the replay (same start day).
    const market = { symbol: 'SIM:BTCUSD', timeframe: '1d', warmupBars: 5, replay: { bars: 40, speed: 864_000 } };
    const first = await deployTrader(a, editorA, market);
    const second = await deployTrader(b, editorB, market);
    expect(second.replay.from).toBe(first.replay.from);
    const topic = feedTopic({
      dataSource: 'nautilus.sim-market/bars',
      symbol: 'SIM:BTCUSD',
      timeframe: '1d',
      replay: { from: first.replay.from, speed: 864_000 },
    });
    expect(a.services.feeds.runningHere()).toEqual([topic]);
    expect(b.services.feeds.runningHere()).toEqual([]);
    const onB = await waitFor(
      async () => (await b.call('deployments.get', { id: second.id }, editorB)).data,
      (current) => current.account.bars >= 5 + 10,
    );
    expect(onB.status).toBe('running');
    expect(b.services.deployments.runningHere()).toEqual([second.id]);

    await a.close();
    instances.splice(instances.indexOf(a), 1);
    // B adopts A's deployment (resuming it) and runs the replay feed its own deployment needs.
    await waitFor(
      async () => b.services.deployments.runningHere().sort(),
      (running) => running.length === 2,
      10_000,
    );
    await waitFor(
      async () => b.services.feeds.runningHere(),
      (running) => running.includes(topic),
      10_000,
    );
    const adopted = (await b.call('deployments.get', { id: first.id }, editorB)).data;
    expect(adopted.status).toBe('running');
  });
});
