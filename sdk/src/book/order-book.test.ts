import { describe, expect, it } from 'vitest';
import { type BookDeltaFrame, type BookFrame, bookChecksum, mergeBookDeltas, OrderBook } from '../index.ts';

// A reference book written independently of the engine: a Map per side, sorted on every read.
class NaiveBook {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  seq = 0;
  load(frame: BookFrame): void {
    this.bids = new Map(frame.bids.price.map((price, index) => [price, frame.bids.size[index] as number]));
    this.asks = new Map(frame.asks.price.map((price, index) => [price, frame.asks.size[index] as number]));
    this.seq = frame.seq;
  }
  apply(delta: BookDeltaFrame): void {
    for (const [side, levels] of [
      [this.bids, delta.bids],
      [this.asks, delta.asks],
    ] as const) {
      levels.price.forEach((price, index) => {
        const size = levels.size[index] as number;
        if (size === 0) side.delete(price);
        else side.set(price, size);
      });
    }
    this.seq = delta.seq;
  }
  sorted(side: 'bid' | 'ask'): [number, number][] {
    const entries = [...(side === 'bid' ? this.bids : this.asks).entries()];
    return entries.sort(side === 'bid' ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
  }
  frame(symbol: string): BookFrame {
    const levels = (side: 'bid' | 'ask') => {
      const entries = this.sorted(side);
      return { price: entries.map(([price]) => price), size: entries.map(([, size]) => size) };
    };
    return { kind: 'book', symbol, time: 0, seq: this.seq, bids: levels('bid'), asks: levels('ask') };
  }
}

// mulberry32: a small seeded generator, so every run sees the same sequence.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A snapshot of `depth` levels a side around 100.00 on a 0.01 grid and `count` deltas that never cross it. */
function scenario(seed: number, depth: number, count: number): { snapshot: BookFrame; deltas: BookDeltaFrame[] } {
  const next = random(seed);
  const reference = new NaiveBook();
  const cents = (value: number) => Math.round(value) / 100;
  const snapshot: BookFrame = {
    kind: 'book',
    symbol: 'TEST',
    time: 0,
    seq: 1,
    bids: {
      price: Array.from({ length: depth }, (_, index) => cents(9_999 - index)),
      size: Array.from({ length: depth }, () => 1 + Math.floor(next() * 50)),
    },
    asks: {
      price: Array.from({ length: depth }, (_, index) => cents(10_001 + index)),
      size: Array.from({ length: depth }, () => 1 + Math.floor(next() * 50)),
    },
  };
  reference.load(snapshot);
  const deltas: BookDeltaFrame[] = [];
  for (let seq = 2; seq < count + 2; seq++) {
    const delta: BookDeltaFrame = {
      kind: 'bookDelta',
      symbol: 'TEST',
      time: seq,
      fromSeq: seq,
      seq,
      bids: { price: [], size: [] },
      asks: { price: [], size: [] },
    };
    const changes = 1 + Math.floor(next() * 3);
    for (let change = 0; change < changes; change++) {
      const bid = next() < 0.5;
      const bestBid = Math.round((reference.sorted('bid')[0]?.[0] ?? 90) * 100);
      const bestAsk = Math.round((reference.sorted('ask')[0]?.[0] ?? 110) * 100);
      // Mostly near the top: an offset of a few ticks from the best, sometimes inside the spread.
      const offset = Math.floor(-Math.log(next()) * 8) - 1;
      const priceCents = bid ? Math.min(bestAsk - 1, bestBid - offset) : Math.max(bestBid + 1, bestAsk + offset);
      const size = next() < 0.3 ? 0 : 1 + Math.floor(next() * 50);
      const levels = bid ? delta.bids : delta.asks;
      if (levels.price.includes(cents(priceCents))) continue;
      levels.price.push(cents(priceCents));
      levels.size.push(size);
      reference.apply({
        ...delta,
        bids: bid ? { price: [cents(priceCents)], size: [size] } : { price: [], size: [] },
        asks: bid ? { price: [], size: [] } : { price: [cents(priceCents)], size: [size] },
      });
    }
    deltas.push(delta);
  }
  return { snapshot, deltas };
}

describe('OrderBook', () => {
  it('agrees with a naive Map book after every delta, never crossed and never negative', () => {
    const { snapshot, deltas } = scenario(7, 200, 3_000);
    const book = new OrderBook();
    const reference = new NaiveBook();
    book.applySnapshot(snapshot);
    reference.load(snapshot);
    for (const delta of deltas) {
      expect(book.applyDelta(delta)).toEqual({ status: 'applied' });
      reference.apply(delta);
      const expected = reference.frame('TEST');
      expect(book.bestBid()).toBe(expected.bids.price[0]);
      expect(book.bestAsk()).toBe(expected.asks.price[0]);
      expect((book.bestBid() as number) < (book.bestAsk() as number)).toBe(true);
      expect(book.checksum()).toBe(bookChecksum(expected));
    }
    const final = reference.frame('TEST');
    expect(book.top('bid')).toEqual(final.bids);
    expect(book.top('ask')).toEqual(final.asks);
    expect([...final.bids.size, ...final.asks.size].every((size) => size > 0)).toBe(true);
    expect(book.seq).toBe(deltas.length + 1);
  });

  it('gives the same checksum incrementally as a book rebuilt from its own snapshot', () => {
    const { snapshot, deltas } = scenario(11, 50, 1_000);
    const book = new OrderBook();
    book.applySnapshot(snapshot);
    for (const delta of deltas) book.applyDelta(delta);
    const rebuilt = new OrderBook();
    rebuilt.applySnapshot(book.toFrame());
    expect(rebuilt.checksum()).toBe(book.checksum());
    expect(rebuilt.toFrame()).toEqual(book.toFrame());
  });

  it('asks for a resync on a sequence gap and keeps asking until a snapshot arrives', () => {
    const { snapshot, deltas } = scenario(3, 20, 10);
    const book = new OrderBook();
    expect(book.applyDelta(deltas[0] as BookDeltaFrame)).toMatchObject({ status: 'resync', reason: 'no-snapshot' });
    book.applySnapshot(snapshot);
    expect(book.applyDelta(deltas[0] as BookDeltaFrame).status).toBe('applied');
    expect(book.applyDelta(deltas[2] as BookDeltaFrame)).toEqual({
      status: 'resync',
      reason: 'gap',
      expectedFromSeq: 3,
      fromSeq: 4,
      seq: 4,
    });
    expect(book.synced).toBe(false);
    expect(book.applyDelta(deltas[1] as BookDeltaFrame).status).toBe('resync');
    book.applySnapshot(snapshot);
    expect(book.applyDelta(deltas[0] as BookDeltaFrame).status).toBe('applied');
  });

  it('ignores a delta it already holds and accepts an overlapping merged one', () => {
    const { snapshot, deltas } = scenario(5, 30, 6);
    const book = new OrderBook();
    book.applySnapshot(snapshot);
    for (const delta of deltas.slice(0, 3)) book.applyDelta(delta);
    expect(book.applyDelta(deltas[1] as BookDeltaFrame)).toEqual({ status: 'stale' });
    // Book at seq 4; a merge of seq 3..7 overlaps it and must land on the same book as one by one.
    expect(book.applyDelta(mergeBookDeltas(deltas.slice(1, 6))).status).toBe('applied');
    const oneByOne = new OrderBook();
    oneByOne.applySnapshot(snapshot);
    for (const delta of deltas.slice(0, 6)) oneByOne.applyDelta(delta);
    expect(book.toFrame()).toEqual(oneByOne.toFrame());
  });

  it('asks for a resync when a delta leaves the book crossed', () => {
    const book = new OrderBook();
    book.applySnapshot({
      kind: 'book',
      symbol: 'X',
      time: 0,
      seq: 1,
      bids: { price: [99], size: [1] },
      asks: { price: [101], size: [1] },
    });
    const crossing: BookDeltaFrame = {
      kind: 'bookDelta',
      symbol: 'X',
      time: 1,
      fromSeq: 2,
      seq: 2,
      bids: { price: [101.5], size: [2] },
      asks: { price: [], size: [] },
    };
    expect(book.applyDelta(crossing)).toMatchObject({ status: 'resync', reason: 'crossed' });
  });

  it('answers spread, mid and top of book from the levels', () => {
    const book = new OrderBook();
    expect(book.spread()).toBeUndefined();
    book.applySnapshot({
      kind: 'book',
      symbol: 'X',
      time: 0,
      seq: 1,
      bids: { price: [99.5, 99], size: [3, 4] },
      asks: { price: [100.25, 101], size: [2, 1] },
    });
    expect(book.spread()).toBe(0.75);
    expect(book.mid()).toBe(99.875);
    expect(book.top('ask', 1)).toEqual({ price: [100.25], size: [2] });
    expect(book.top('bid', 5)).toEqual({ price: [99.5, 99], size: [3, 4] });
  });

  it('applies merged deltas the same as one by one over a long random run', () => {
    const { snapshot, deltas } = scenario(21, 100, 2_000);
    const oneByOne = new OrderBook();
    const merged = new OrderBook();
    oneByOne.applySnapshot(snapshot);
    merged.applySnapshot(snapshot);
    const next = random(99);
    for (let start = 0; start < deltas.length; ) {
      const length = 1 + Math.floor(next() * 40);
      const run = deltas.slice(start, start + length);
      for (const delta of run) oneByOne.applyDelta(delta);
      expect(merged.applyDelta(mergeBookDeltas(run)).status).toBe('applied');
      expect(merged.checksum()).toBe(oneByOne.checksum());
      start += length;
    }
    expect(merged.toFrame()).toEqual(oneByOne.toFrame());
  });
});
