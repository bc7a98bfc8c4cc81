import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BookDeltaFrame, type BookFrame, type LiveChannel, OrderBook } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveTestClient } from '../live/live-test-client.ts';
import { type LiveTestServer, startLiveTestServer } from '../live/live-test-server.ts';

const channel: LiveChannel = { kind: 'book', dataSource: 'nautilus.sim-market/book', symbol: 'SIM:AAPL' };

/** Applies a subscription's data messages to a book as a browser would; answers how many deltas applied. */
function follow(
  client: LiveTestClient,
  id: number,
  book: OrderBook,
  untilSeq = Number.POSITIVE_INFINITY,
): { deltas: number; checksums: number } {
  const counts = { deltas: 0, checksums: 0 };
  for (const message of client.messages) {
    if (book.seq >= untilSeq) break;
    if (!('id' in message) || message.id !== id) continue;
    const frame = (message.type === 'data' ? message.data : message.type === 'resync' ? message.snapshot : undefined) as
      | BookFrame
      | BookDeltaFrame
      | undefined;
    if (!frame) continue;
    if (frame.kind === 'book') {
      book.applySnapshot(frame);
      continue;
    }
    const result = book.applyDelta(frame);
    expect(result.status).not.toBe('resync');
    if (result.status !== 'applied') continue;
    counts.deltas++;
    // Every delta carries the checksum of the server's book after it.
    expect(book.checksum()).toBe(frame.checksum);
    counts.checksums++;
  }
  return counts;
}

describe('the live book channel against the real server (PGlite, memory bus)', () => {
  let live: LiveTestServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'nautilus-live-book-'));
  const clients: LiveTestClient[] = [];
  const connect = async () => {
    const client = new LiveTestClient(live.url, { cookie: live.cookie });
    clients.push(client);
    await client.opened();
    return client;
  };
  beforeAll(async () => {
    live = await startLiveTestServer(dataDir);
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await live?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a snapshot, then deltas whose checksums match the book a client builds', async () => {
    const client = await connect();
    client.subscribe(1, channel);
    await client.waitFor(() => client.of(1, 'subscribed').length > 0, 10_000, 'subscribed');
    const [first] = await client.waitFor(() => client.data(1).length > 0 && client.data(1), 10_000, 'a snapshot');
    expect((first?.data as BookFrame | undefined)?.kind).toBe('book');
    // The simulated book streams 10 deltas a second by default.
    await client.waitFor(() => client.data(1).length > 15, 10_000, 'deltas');
    const book = new OrderBook();
    const counts = follow(client, 1, book);
    expect(counts.deltas).toBeGreaterThan(10);
    expect((book.bestBid() as number) < (book.bestAsk() as number)).toBe(true);
  });

  it('gives a second subscriber the same book from this instance (replica snapshot) and answers a resync request', async () => {
    const early = await connect();
    early.subscribe(1, channel);
    await early.waitFor(() => early.data(1).length > 5, 10_000, 'early deltas');
    const late = await connect();
    late.subscribe(7, channel);
    await late.waitFor(() => late.data(7).length > 5, 10_000, 'late deltas');
    late.send({ type: 'resync', id: 7 });
    const [resync] = await late.waitFor(() => late.of(7, 'resync').length > 0 && late.of(7, 'resync'), 10_000, 'resync');
    expect(resync).toMatchObject({ reason: 'requested', snapshot: { kind: 'book', symbol: 'SIM:AAPL' } });
    await late.waitFor(() => late.data(7).length > 15, 10_000, 'deltas after the resync');
    const lateBook = new OrderBook();
    const earlyBook = new OrderBook();
    expect(follow(late, 7, lateBook).deltas).toBeGreaterThan(5);
    // The early client, replayed up to the late one's sequence, holds the very same book.
    await early.waitFor(
      () => early.data(1).some((message) => (message.data as BookDeltaFrame).seq >= lateBook.seq),
      10_000,
      'the same sequence',
    );
    follow(early, 1, earlyBook, lateBook.seq);
    expect(earlyBook.seq).toBe(lateBook.seq);
    expect(earlyBook.toFrame()).toEqual(lateBook.toFrame());
  });

  it('refuses a data source without books and an unknown instrument, naming the field', async () => {
    const client = await connect();
    client.subscribe(1, { kind: 'book', dataSource: 'nautilus.sim-market/bars', symbol: 'SIM:AAPL' });
    client.subscribe(2, { kind: 'book', dataSource: 'nautilus.sim-market/book', symbol: 'SIM:NOPE' });
    const errors = await client.waitFor(
      () =>
        client.messages.filter((message) => message.type === 'error').length >= 2 &&
        client.messages.filter((message) => message.type === 'error'),
      10_000,
      'two errors',
    );
    expect(errors.find((error) => error.id === 1)?.message).toMatch(/channel\.dataSource|timeframe/);
    expect(errors.find((error) => error.id === 2)?.message).toMatch(/symbol/);
  });
});
