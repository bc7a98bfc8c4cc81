import { type BookDeltaFrame, type BookFrame, type LiveChannel, OrderBook, type ServerMessage } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveTestClient } from '../src/live/live-test-client.ts';
import { type ServerProcess, startServerProcess } from '../src/testing/server-process.ts';
import { trpcOverHttp } from '../src/testing/trpc-over-http.ts';
import { dialects, type TestDatabase } from './databases.ts';
import { REDIS_URL, skipRedis } from './redis.ts';

// The live order book across two server processes on one PostgreSQL and one Redis: the book stream
// runs on one instance (its lease), the other serves its clients from a replica fed over Redis, and
// takes the stream over when the first is killed.

const PASSWORD = 'two instances book password';
const postgres = dialects.find((dialect) => dialect.name === 'postgres');
if (!postgres) throw new Error('no postgres dialect');
const channel: LiveChannel = { kind: 'book', dataSource: 'nautilus.sim-market/book', symbol: 'SIM:ETHUSD' };

type BookMessage = BookFrame | BookDeltaFrame;

/** The book frames of subscription 1, in order (data, and a resync's snapshot). */
function frames(client: LiveTestClient): BookMessage[] {
  return client.messages.flatMap((message: ServerMessage) => {
    if (!('id' in message) || message.id !== 1) return [];
    if (message.type === 'data') return [message.data as BookMessage];
    if (message.type === 'resync' && message.snapshot) return [message.snapshot as BookMessage];
    return [];
  });
}

/** Applies a client's frames as a browser would; every applied delta's checksum must match. Answers the book and the snapshots taken. */
function replay(client: LiveTestClient): { book: OrderBook; snapshots: BookFrame[]; deltas: number } {
  const book = new OrderBook();
  const snapshots: BookFrame[] = [];
  let deltas = 0;
  for (const frame of frames(client)) {
    if (frame.kind === 'book') {
      book.applySnapshot(frame);
      snapshots.push(frame);
      continue;
    }
    const result = book.applyDelta(frame);
    expect(result.status, `delta ${frame.fromSeq}..${frame.seq} on a book at ${book.seq}`).not.toBe('resync');
    if (result.status === 'applied') {
      deltas++;
      expect(book.checksum()).toBe(frame.checksum);
    }
  }
  return { book, snapshots, deltas };
}

describe.skipIf(postgres.skip || skipRedis)('the live book on two server processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let cookie: string;
  const clients: LiveTestClient[] = [];
  const connect = async (server: ServerProcess) => {
    const client = new LiveTestClient(server.url, { cookie, origin: server.url });
    clients.push(client);
    await client.opened();
    return client;
  };

  beforeAll(async () => {
    database = await postgres.create();
    const env = (name: string) => ({
      NAUTILUS_ADMIN_PASSWORD: PASSWORD,
      NAUTILUS_DATA_DIR: `${database.options.dataDir}/${name}`,
      DATABASE_URL: database.options.databaseUrl ?? '',
      REDIS_URL,
      NAUTILUS_SECRETS_KEY: 'ef'.repeat(32),
    });
    a = await startServerProcess(env('a'));
    b = await startServerProcess(env('b'));
    cookie = (await trpcOverHttp(a.url, 'auth.login', { username: 'admin', password: PASSWORD })).cookie as string;
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('serves B from the stream running on A, and B takes the stream over when A is killed', async () => {
    const onA = await connect(a);
    onA.subscribe(1, channel);
    await onA.waitFor(() => frames(onA).length > 5, 15_000, 'deltas on A');
    const onB = await connect(b);
    onB.subscribe(1, channel);
    // B's replica joined mid-stream: it asked A's feed for the book, and its client starts from it.
    await onB.waitFor(() => frames(onB).length > 10, 15_000, 'deltas on B');
    const fromA = replay(onA);
    const fromB = replay(onB);
    expect(fromB.deltas).toBeGreaterThan(5);
    // The same stream: B's first snapshot is A's book at that sequence (a later one than A began with).
    expect(fromB.snapshots[0]?.seq).toBeGreaterThan(fromA.snapshots[0]?.seq ?? 0);
    const atB = fromB.snapshots[0] as BookFrame;
    const aBook = new OrderBook();
    for (const frame of frames(onA)) {
      if (frame.kind === 'book') aBook.applySnapshot(frame);
      else aBook.applyDelta(frame);
      if (aBook.seq === atB.seq) break;
    }
    expect(aBook.seq).toBe(atB.seq);
    expect(aBook.checksum()).toBe(atB.checksum);

    const before = frames(onB).length;
    a.child.kill('SIGKILL');
    // Within a lease period (15 s) B runs the stream itself: it starts with a new snapshot (its
    // sequence numbers start again), which B's client takes, then deltas continue from it.
    await onB.waitFor(
      () => {
        const after = frames(onB).slice(before);
        const restart = after.findIndex((frame) => frame.kind === 'book');
        return restart >= 0 && after.length - restart > 5;
      },
      40_000,
      'a restarted stream on B',
    );
    const taken = replay(onB);
    expect(taken.snapshots.length).toBeGreaterThanOrEqual(2);
    expect((taken.book.bestBid() as number) < (taken.book.bestAsk() as number)).toBe(true);
  }, 120_000);
});
