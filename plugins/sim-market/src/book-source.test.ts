import { readFileSync } from 'node:fs';
import { type BookDeltaFrame, type BookFrame, checkFrames, type DataSource, type Frame, OrderBook } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { BOOK_FIXTURE, type BookRecording, recordBook } from './book-fixture.ts';
import type { BookParams } from './book-source.ts';
import { startPlugin } from './test-host.ts';

const recording = JSON.parse(
  readFileSync(new URL('../test/fixtures/book-sim-aapl.json', import.meta.url), 'utf8'),
) as BookRecording;

/** An independent reference: the book as a Map per side, built from the recording. */
function referenceAt(seq: number): BookFrame {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const load = (side: Map<number, number>, levels: BookFrame['bids']) =>
    levels.price.forEach((price, index) => {
      if (levels.size[index] === 0) side.delete(price);
      else side.set(price, levels.size[index] as number);
    });
  load(bids, recording.snapshot.bids);
  load(asks, recording.snapshot.asks);
  for (const delta of recording.deltas) {
    if (delta.seq > seq) break;
    load(bids, delta.bids);
    load(asks, delta.asks);
  }
  const sorted = (side: Map<number, number>, descending: boolean) => {
    const price = [...side.keys()].sort((a, b) => (descending ? b - a : a - b));
    return { price, size: price.map((value) => side.get(value) as number) };
  };
  return { kind: 'book', symbol: recording.snapshot.symbol, time: 0, seq, bids: sorted(bids, true), asks: sorted(asks, false) };
}

describe('the recorded simulated book', () => {
  it('is what the simulator produces for its seed (deterministic), and another seed differs', () => {
    expect(recordBook()).toEqual(recording);
    expect(recording.deltas).toHaveLength(BOOK_FIXTURE.deltas);
    const other = recordBook({ ...BOOK_FIXTURE, seed: 8 });
    expect(other.deltas.slice(0, 20)).not.toEqual(recording.deltas.slice(0, 20));
  });

  it('passes checkFrames and keeps the engine uncrossed, with positive sizes, through every delta', () => {
    expect(checkFrames([recording.snapshot, ...recording.deltas], ['book', 'bookDelta'])).toBeUndefined();
    const book = new OrderBook();
    book.applySnapshot(recording.snapshot);
    for (const delta of recording.deltas) {
      expect(book.applyDelta(delta)).toEqual({ status: 'applied' });
      expect((book.bestBid() as number) < (book.bestAsk() as number)).toBe(true);
      expect(book.bids.length).toBe(BOOK_FIXTURE.depth);
      expect(book.asks.length).toBe(BOOK_FIXTURE.depth);
    }
    const frame = book.toFrame();
    expect([...frame.bids.size, ...frame.asks.size].every((size) => size > 0)).toBe(true);
  });

  it('has trades that consume levels of the other side, best first', () => {
    const book = new OrderBook();
    book.applySnapshot(recording.snapshot);
    let trades = 0;
    for (const delta of recording.deltas) {
      const before = { bids: book.top('bid'), asks: book.top('ask') };
      book.applyDelta(delta);
      delta.trades?.price.forEach((price, index) => {
        trades++;
        const buy = delta.trades?.side[index] === 'buy';
        const levels = buy ? before.asks : before.bids;
        const changed = buy ? delta.asks : delta.bids;
        // A trade takes from a level that was there, which the delta then shrinks or removes.
        const rank = levels.price.indexOf(price);
        expect(rank).toBeGreaterThanOrEqual(0);
        expect(changed.size[changed.price.indexOf(price)]).toBeLessThan(levels.size[rank] as number);
        expect(delta.trades?.size[index]).toBeGreaterThan(0);
      });
    }
    expect(trades).toBeGreaterThan(BOOK_FIXTURE.deltas / 10);
  });

  it('checksums the incrementally built book the same as a rebuild from scratch', () => {
    const book = new OrderBook();
    book.applySnapshot(recording.snapshot);
    for (const delta of recording.deltas) {
      book.applyDelta(delta);
      if (delta.seq % 250 !== 0) continue;
      const reference = referenceAt(delta.seq);
      const rebuilt = new OrderBook();
      rebuilt.applySnapshot(reference);
      expect(book.checksum()).toBe(rebuilt.checksum());
      expect(book.top('bid')).toEqual(reference.bids);
      expect(book.top('ask')).toEqual(reference.asks);
    }
  });

  it('asks for a resync when a delta is lost, and agrees again after taking a snapshot', () => {
    const book = new OrderBook();
    book.applySnapshot(recording.snapshot);
    const lost = 1_500;
    let resyncs = 0;
    for (const delta of recording.deltas) {
      if (delta.seq === lost) continue;
      const result = book.applyDelta(delta);
      if (result.status === 'resync') {
        resyncs++;
        expect(result).toMatchObject({ reason: 'gap', expectedFromSeq: lost, fromSeq: lost + 1 });
        // What a client does: take a fresh snapshot (here the reference at that delta) and go on.
        book.applySnapshot(referenceAt(delta.seq));
      } else {
        expect(result.status).toBe('applied');
      }
    }
    expect(resyncs).toBe(1);
    const whole = new OrderBook();
    whole.applySnapshot(recording.snapshot);
    for (const delta of recording.deltas) whole.applyDelta(delta);
    expect(book.checksum()).toBe(whole.checksum());
  });
});

describe('the book data source', () => {
  const source = async () => (await startPlugin()).book as DataSource<BookParams>;

  it('answers a snapshot around the instrument price with the requested depth', async () => {
    const frames = await (await source()).query(
      { params: { symbol: 'SIM:ES', depth: 10 }, range: { from: 0, to: 1 }, maxPoints: 10 },
      new AbortController().signal,
    );
    expect(checkFrames(frames, ['book'])).toBeUndefined();
    const [frame] = frames as BookFrame[];
    expect(frame?.bids.price).toHaveLength(10);
    expect(frame?.tickSize).toBe(0.25);
    expect(frame?.bids.price.every((price) => Number.isInteger(price / 0.25))).toBe(true);
  });

  it('refuses an instrument without a book and a bad depth, naming the field', async () => {
    const book = await source();
    const query = (params: Record<string, unknown>) =>
      book.query({ params: params as never, range: { from: 0, to: 1 }, maxPoints: 1 }, new AbortController().signal);
    await expect(query({ symbol: 'SIM:SPX' })).rejects.toThrow(/symbol: no book for "SIM:SPX"/);
    await expect(query({ symbol: 'SIM:AAPL', depth: 0 })).rejects.toThrow(/depth: must be an integer from 1 to 1000/);
  });

  it('streams a snapshot, then contiguous deltas at the configured rate, until aborted', async () => {
    const book = await source();
    const frames: Frame[] = [];
    const controller = new AbortController();
    const done = book.stream?.(
      { params: { symbol: 'SIM:BTCUSD', rate: 200, depth: 20 }, maxPoints: 1 },
      (frame) => frames.push(frame),
      controller.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await done;
    const [snapshot, ...deltas] = frames;
    expect(snapshot?.kind).toBe('book');
    expect(checkFrames(frames, ['book', 'bookDelta'])).toBeUndefined();
    // 200 a second for half a second: about 100, allowing for a slow machine.
    expect(deltas.length).toBeGreaterThan(40);
    expect(deltas.length).toBeLessThan(130);
    const engine = new OrderBook();
    engine.applySnapshot(snapshot as BookFrame);
    for (const delta of deltas as BookDeltaFrame[]) expect(engine.applyDelta(delta).status).toBe('applied');
  });
});
