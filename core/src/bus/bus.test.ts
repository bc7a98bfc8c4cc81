import type { Bus } from '@nautilus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, skipRedis } from '../../test/redis.ts';
import { createBus } from './create-bus.ts';
import { MemoryBus } from './memory-bus.ts';
import type { RedisBus } from './redis-bus.ts';

/** Subscribes, and once the subscription is live returns a promise of the first message. */
async function nextMessage(bus: Bus, topic: string): Promise<{ first: Promise<{ message: unknown; topic: string }> }> {
  let resolve!: (value: { message: unknown; topic: string }) => void;
  const first = new Promise<{ message: unknown; topic: string }>((done) => {
    resolve = done;
  });
  await bus.subscribe(topic, (message, name) => resolve({ message, topic: name }));
  return { first };
}

const received = (bus: Bus, topic: string, into: unknown[]) => bus.subscribe(topic, (message) => into.push(message));
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('MemoryBus', () => {
  it('delivers a copy to each subscriber of the topic only', async () => {
    const bus = new MemoryBus();
    const a: unknown[] = [];
    const other: unknown[] = [];
    await received(bus, 'alerts', a);
    await received(bus, 'market', other);
    const message = { level: 'warn', n: 1 };
    await bus.publish('alerts', message);
    message.n = 2;
    await settle();
    expect(a).toEqual([{ level: 'warn', n: 1 }]);
    expect(other).toEqual([]);
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = new MemoryBus();
    const seen: unknown[] = [];
    const unsubscribe = await received(bus, 't', seen);
    await bus.publish('t', 1);
    await settle();
    await unsubscribe();
    await bus.publish('t', 2);
    await settle();
    expect(seen).toEqual([1]);
  });
});

describe.skipIf(skipRedis)('RedisBus against a real Redis', () => {
  const buses: RedisBus[] = [];
  const open = async () => {
    const bus = (await createBus(REDIS_URL, () => {})) as RedisBus;
    buses.push(bus);
    return bus;
  };
  afterAll(async () => {
    for (const bus of buses) await bus.close();
  });
  const topic = `test.${process.pid}.${Date.now()}`;

  it('carries messages between two instances, in order', async () => {
    const publisher = await open();
    const subscriber = await open();
    const seen: unknown[] = [];
    await received(subscriber, topic, seen);
    for (let i = 0; i < 50; i++) await publisher.publish(topic, { i });
    await expect.poll(() => seen.length).toBe(50);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
  });

  it('passes the topic to the handler and honours unsubscribe', async () => {
    const bus = await open();
    const { first } = await nextMessage(bus, `${topic}.x`);
    await bus.publish(`${topic}.x`, 'hello');
    expect(await first).toEqual({ message: 'hello', topic: `${topic}.x` });
    const seen: unknown[] = [];
    const unsubscribe = await received(bus, `${topic}.y`, seen);
    await unsubscribe();
    await bus.publish(`${topic}.y`, 'ignored');
    await settle();
    expect(seen).toEqual([]);
  });

  it('fails fast with a clear error when Redis is unreachable', async () => {
    await expect(createBus('redis://127.0.0.1:1', () => {})).rejects.toThrow(/Cannot reach Redis at redis:\/\/127.0.0.1:1/);
  });
});
