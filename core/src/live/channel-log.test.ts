import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, skipRedis } from '../../test/redis.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import type { ChannelLog } from './channel-log.ts';
import { MemoryChannelLog } from './memory-channel-log.ts';
import { RedisChannelLog, redisKeys } from './redis-channel-log.ts';

const connections: Redis[] = [];
afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

/** The same cases for both logs, as kysely runs its tests over every dialect. */
const logs: { name: string; skip: boolean; open(capacity: number): ChannelLog }[] = [
  { name: 'MemoryChannelLog', skip: false, open: (capacity) => new MemoryChannelLog(new MemoryBus(), capacity) },
  {
    name: 'RedisChannelLog',
    skip: skipRedis,
    open: (capacity) => {
      const redis = new Redis(REDIS_URL);
      connections.push(redis);
      return new RedisChannelLog(redis, capacity);
    },
  },
];

for (const { name, skip, open } of logs) {
  describe.skipIf(skip)(name, () => {
    const key = () => `test:${randomUUID()}`;
    const append = (log: ChannelLog, channel: string, value: unknown, dedupeKey?: number) =>
      log.append(channel, `live.${channel}`, JSON.stringify(value), dedupeKey);

    it('numbers messages 1, 2, 3 in one epoch and reads back those after an offset', async () => {
      const log = open(100);
      const channel = key();
      const positions = [];
      for (let i = 0; i < 5; i++) positions.push(await append(log, channel, { i }));
      expect(positions.map((position) => position?.offset)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(positions.map((position) => position?.epoch)).size).toBe(1);
      const read = await log.read(channel, 2, 10);
      expect(read).toMatchObject({ epoch: positions[0]?.epoch, head: 5, complete: true });
      expect(read.entries).toEqual([3, 4, 5].map((offset) => ({ offset, text: JSON.stringify({ i: offset - 1 }) })));
      expect((await log.read(channel, 1, 2)).entries.map((entry) => entry.offset)).toEqual([2, 3]);
      expect(await log.read(channel, 5, 10)).toMatchObject({ head: 5, entries: [], complete: true });
    });

    it('starts an epoch for a channel nobody published on, at offset 0', async () => {
      const read = await open(100).read(key(), Number.MAX_SAFE_INTEGER, 1);
      expect(read).toMatchObject({ head: 0, entries: [], complete: true });
      expect(read.epoch).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('drops a message whose dedupe key is not above the last one, without using an offset', async () => {
      const log = open(100);
      const channel = key();
      expect((await append(log, channel, 'a', 10))?.offset).toBe(1);
      expect(await append(log, channel, 'again', 10)).toBeUndefined();
      expect(await append(log, channel, 'older', 5)).toBeUndefined();
      expect((await append(log, channel, 'no key'))?.offset).toBe(2);
      expect((await append(log, channel, 'b', 11))?.offset).toBe(3);
      expect((await log.read(channel, 0, 10)).entries.map((entry) => JSON.parse(entry.text))).toEqual(['a', 'no key', 'b']);
    });

    it('keeps about its capacity and says when a reader is further behind than that', async () => {
      const log = open(10);
      const channel = key();
      for (let i = 1; i <= 500; i++) await append(log, channel, i);
      const behind = await log.read(channel, 0, 1_000);
      expect(behind.complete).toBe(false);
      expect(behind.head).toBe(500);
      // Redis trims whole stream nodes (MAXLEN ~): it keeps at least the capacity, at most a node more.
      expect(behind.entries.length).toBeGreaterThanOrEqual(10);
      expect(behind.entries.length).toBeLessThan(250);
      const recent = await log.read(channel, 490, 1_000);
      expect(recent.complete).toBe(true);
      expect(recent.entries.map((entry) => JSON.parse(entry.text))).toEqual([491, 492, 493, 494, 495, 496, 497, 498, 499, 500]);
    });

    it('publishes each appended message on its topic with its position', async () => {
      const bus = new MemoryBus();
      const seen: unknown[] = [];
      let log: ChannelLog;
      const channel = key();
      if (name === 'MemoryChannelLog') {
        log = new MemoryChannelLog(bus, 10);
        await bus.subscribe(`live.${channel}`, (message) => seen.push(message));
      } else {
        log = open(10);
        const subscriber = new Redis(REDIS_URL);
        connections.push(subscriber);
        subscriber.on('message', (_topic, text) => seen.push(JSON.parse(text)));
        await subscriber.subscribe(`live.${channel}`);
      }
      const position = await append(log, channel, { hello: 'world' });
      await expect.poll(() => seen).toEqual([{ position, data: { hello: 'world' } }]);
    });
  });
}

describe('MemoryChannelLog byte bound', () => {
  it('drops the oldest messages past its byte bound, keeping the newest, and says so to a reader behind them', async () => {
    const log = new MemoryChannelLog(new MemoryBus(), 1_000, 100);
    for (let i = 0; i < 20; i++) await log.append('k', 'live.k', JSON.stringify('x'.repeat(18)), undefined);
    // Each message is 20 characters of JSON: five fit in 100.
    const read = await log.read('k', 0, 100);
    expect(read).toMatchObject({ head: 20, complete: false });
    expect(read.entries.map((entry) => entry.offset)).toEqual([16, 17, 18, 19, 20]);
    expect((await log.read('k', 15, 100)).complete).toBe(true);
    await log.append('k', 'live.k', JSON.stringify('y'.repeat(500)), undefined);
    expect((await log.read('k', 0, 100)).entries.map((entry) => entry.offset)).toEqual([21]);
  });
});

describe.skipIf(skipRedis)('RedisChannelLog when Redis loses the log', () => {
  it('starts a new epoch at offset 1', async () => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    const log = new RedisChannelLog(redis, 100);
    const channel = `test:${randomUUID()}`;
    const first = await log.append(channel, 'live.x', '1', undefined);
    await log.append(channel, 'live.x', '2', undefined);
    await redis.del(redisKeys(channel)[0]);
    const after = await log.append(channel, 'live.x', '3', undefined);
    expect(after?.epoch).not.toBe(first?.epoch);
    expect(after?.offset).toBe(1);
    expect((await log.read(channel, 0, 10)).entries).toEqual([{ offset: 1, text: '3' }]);
  });
});
