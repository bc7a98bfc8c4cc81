// The load generator of the live benchmark (live.bench.ts forks it and pins it to its own core):
// opens WebSocket clients against `GET /live`, subscribes them, publishes timestamped messages
// through the channels' logs in Redis exactly as a producer on any instance does, and counts what
// arrives. Driven over the fork's IPC channel; every step is bounded in time.

import type { ClientMessage, LiveChannel } from '@nautilus/sdk';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { RedisChannelLog } from '../src/live/redis-channel-log.ts';
import { quantile } from './stats.ts';

export type LoadCommand =
  | { op: 'connect'; urls: string[]; headers: Record<string, string>; count: number; concurrency: number; timeoutMs: number }
  | { op: 'subscribe'; channels: LiveChannel[]; perConnection: number; timeoutMs: number }
  | {
      op: 'publish';
      redisUrl: string;
      logs: { key: string; topic: string }[];
      perSecond: number;
      durationMs: number;
      drainMs: number;
    }
  | { op: 'close' };

export type LoadReply =
  | { op: 'connected'; opened: number; failed: number; firstError: string | undefined; ms: number }
  | { op: 'subscribed'; subscriptions: number; refused: number; firstError: string | undefined; ms: number }
  | {
      op: 'published';
      published: number;
      /** Deliveries expected: each publish times the channel's subscribers. */
      expected: number;
      received: number;
      seconds: number;
      /** Publish → client latency over every delivered message, in ms. */
      p50Ms: number;
      p99Ms: number;
      maxMs: number;
      closedDuring: number;
    }
  | { op: 'closed' };

interface Client {
  socket: WebSocket;
  /** Subscription ids this client holds, by channel index. */
  subscribed: number;
}

const clients: Client[] = [];
/** Subscribers per channel index, to know how many deliveries a publish should give. */
let subscribersOf: number[] = [];
let counting = false;
let received = 0;
let closedDuring = 0;
const latencies: number[] = [];
const DATA = Buffer.from('{"type":"data"');
const TIME = Buffer.from('"t":');

/**
 * Counts the benchmark's data messages in a frame and reads the publish time each carries
 * (`"t":<performance.now()>`); other data (a real bar the channel's feed closed meanwhile) is not counted.
 */
function onFrame(frame: Buffer): void {
  if (!counting) return;
  const now = performance.now();
  let at = frame.indexOf(DATA);
  while (at >= 0) {
    const next = frame.indexOf(DATA, at + DATA.length);
    const time = frame.indexOf(TIME, at);
    if (time >= 0 && (next < 0 || time < next)) {
      received++;
      let end = time + TIME.length;
      while (end < frame.length && frame[end] !== 0x2c && frame[end] !== 0x7d) end++;
      latencies.push(now - Number(frame.toString('latin1', time + TIME.length, end)));
    }
    at = next;
  }
}

function connectOne(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no hello in time'));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      reject(new Error(`HTTP ${response.statusCode} instead of an upgrade`));
      socket.terminate();
    });
    socket.once('message', (first: Buffer) => {
      clearTimeout(timer);
      if (!first.includes('"hello"')) return reject(new Error(`first frame was not hello: ${first.toString().slice(0, 200)}`));
      const client: Client = { socket, subscribed: 0 };
      socket.on('message', onFrame);
      socket.on('error', () => {});
      socket.on('close', () => {
        if (counting) closedDuring++;
      });
      resolve(client);
    });
  });
}

async function connect(command: Extract<LoadCommand, { op: 'connect' }>): Promise<LoadReply> {
  const started = performance.now();
  const deadline = Date.now() + command.timeoutMs;
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < command.count && Date.now() < deadline) {
      const index = next++;
      const url = command.urls[index % command.urls.length] as string;
      // The browser's Origin: the page's own, which the server checks against its Host.
      const origin = url.replace(/^ws/, 'http').replace(/\/live$/, '');
      try {
        clients.push(await connectOne(url, { ...command.headers, origin }, 10_000));
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  return { op: 'connected', opened: clients.length, failed, firstError, ms: performance.now() - started };
}

/** Client i subscribes to channels i·k … i·k+k-1 (mod the pool), so every channel gets the same number of subscribers. */
async function subscribe(command: Extract<LoadCommand, { op: 'subscribe' }>): Promise<LoadReply> {
  const started = performance.now();
  const { channels, perConnection } = command;
  subscribersOf = channels.map(() => 0);
  let acknowledged = 0;
  let refused = 0;
  let firstError: string | undefined;
  const expected = clients.length * perConnection;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, command.timeoutMs);
    const onReply = (frame: Buffer) => {
      if (!frame.includes('"subscribed"') && !frame.includes('"error"')) return;
      for (const message of JSON.parse(frame.toString()) as { type: string; message?: string }[]) {
        if (message.type === 'subscribed') acknowledged++;
        if (message.type === 'error') {
          refused++;
          firstError ??= message.message;
        }
      }
      if (acknowledged + refused >= expected) {
        clearTimeout(timer);
        resolve();
      }
    };
    for (const client of clients) client.socket.on('message', onReply);
  });
  for (const [index, client] of clients.entries()) {
    const messages: ClientMessage[] = [];
    for (let slot = 0; slot < perConnection; slot++) {
      const channel = (index * perConnection + slot) % channels.length;
      subscribersOf[channel] = (subscribersOf[channel] ?? 0) + 1;
      messages.push({ type: 'subscribe', id: ++client.subscribed, channel: channels[channel] as LiveChannel });
    }
    client.socket.send(JSON.stringify(messages));
  }
  await done;
  for (const client of clients) client.socket.removeAllListeners('message').on('message', onFrame);
  return { op: 'subscribed', subscriptions: acknowledged, refused, firstError, ms: performance.now() - started };
}

/**
 * Appends `perSecond` messages a second, round robin over the channels' logs, for `durationMs`, then
 * waits `drainMs` for the last deliveries. Open loop: the schedule does not wait for the server.
 */
async function publish(command: Extract<LoadCommand, { op: 'publish' }>): Promise<LoadReply> {
  const redis = new Redis(command.redisUrl, { enableAutoPipelining: true, maxRetriesPerRequest: 2 });
  const log = new RedisChannelLog(redis, 10_000);
  latencies.length = 0;
  received = 0;
  closedDuring = 0;
  counting = true;
  let published = 0;
  let expected = 0;
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  const tickMs = 5;
  while (performance.now() - started < command.durationMs) {
    const due = Math.floor(((performance.now() - started) / 1000) * command.perSecond);
    while (published < due) {
      const index = published % command.logs.length;
      const { key, topic } = command.logs[index] as { key: string; topic: string };
      const text = `{"t":${performance.now()},"n":${published}}`;
      pending.push(log.append(key, topic, text, undefined));
      expected += subscribersOf[index] ?? 0;
      published++;
    }
    if (pending.length > 1000) await Promise.all(pending.splice(0));
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(pending);
  const publishSeconds = (performance.now() - started) / 1000;
  const drainUntil = performance.now() + command.drainMs;
  while (received < expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  counting = false;
  redis.disconnect();
  return {
    op: 'published',
    published,
    expected,
    received,
    seconds: publishSeconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.reduce((max, value) => Math.max(max, value), 0),
    closedDuring,
  };
}

async function close(): Promise<LoadReply> {
  await Promise.all(
    clients.splice(0).map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.socket.readyState === WebSocket.CLOSED) return resolve();
          client.socket.once('close', () => resolve());
          client.socket.terminate();
        }),
    ),
  );
  return { op: 'closed' };
}

// Ends with the benchmark that forked it.
process.on('disconnect', () => process.exit(0));

process.on('message', async (command: LoadCommand) => {
  const reply =
    command.op === 'connect'
      ? await connect(command)
      : command.op === 'subscribe'
        ? await subscribe(command)
        : command.op === 'publish'
          ? await publish(command)
          : await close();
  process.send?.(reply);
});
