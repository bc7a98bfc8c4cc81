import { bookChecksum } from './book-checksum.ts';
import type { BookDeltaFrame, BookFrame, BookLevels } from './book-frame.ts';
import { BookSide } from './book-side.ts';

export type BookSideName = 'bid' | 'ask';

/**
 * What `OrderBook.applyDelta` did. `resync` means the book cannot be trusted any more (or never was):
 * the caller drops it and asks for a snapshot (the live protocol's `resync` message); until a snapshot
 * arrives every delta answers `resync` again.
 * - `no-snapshot`: no snapshot was applied yet (or the book was invalidated earlier);
 * - `gap`: the delta starts after `expectedFromSeq` (deltas in between were lost);
 * - `crossed`: after the delta the best bid is at or above the best ask, so levels were missed.
 */
export type BookApplyResult =
  | { status: 'applied' }
  /** The delta is already covered by the book (`seq` <= the book's): nothing changed. */
  | { status: 'stale' }
  | { status: 'resync'; reason: 'no-snapshot' | 'gap' | 'crossed'; expectedFromSeq: number; fromSeq: number; seq: number };

const APPLIED: BookApplyResult = { status: 'applied' };
const STALE: BookApplyResult = { status: 'stale' };

/**
 * An L2 order book built from a snapshot and sequenced deltas (see BookFrame / BookDeltaFrame).
 * Deltas carry absolute sizes, so one covering `fromSeq..seq` applies to a book at any sequence from
 * `fromSeq - 1` to `seq - 1`: the levels it repeats already hold those sizes. A delta starting later is
 * a gap. Frames are trusted to be well formed: the host checks them once (`checkFrames`).
 * @example
 * const book = new OrderBook();
 * book.applySnapshot(snapshot);
 * if (book.applyDelta(delta).status === 'resync') askForSnapshot();
 * book.bestBid(); book.spread(); book.top('ask', 10);
 */
export class OrderBook {
  readonly bids = new BookSide(1);
  readonly asks = new BookSide(-1);
  symbol = '';
  time = 0;
  tickSize: number | undefined;
  #seq = Number.NaN;

  /** The sequence number of the last change applied; NaN until a snapshot (and after a resync result). */
  get seq(): number {
    return this.#seq;
  }

  /** True when the book holds a snapshot and every delta since. */
  get synced(): boolean {
    return !Number.isNaN(this.#seq);
  }

  /** Replaces the whole book with a snapshot. */
  applySnapshot(frame: BookFrame): void {
    this.bids.clear();
    this.asks.clear();
    this.#setLevels(this.bids, frame.bids);
    this.#setLevels(this.asks, frame.asks);
    this.symbol = frame.symbol;
    this.time = frame.time;
    this.tickSize = frame.tickSize;
    this.#seq = frame.seq;
  }

  /** Applies a delta if it continues the book; answers whether the caller must resync. */
  applyDelta(delta: BookDeltaFrame): BookApplyResult {
    const seq = this.#seq;
    if (Number.isNaN(seq)) return this.#resync('no-snapshot', delta);
    if (delta.seq <= seq) return STALE;
    if (delta.fromSeq > seq + 1) return this.#resync('gap', delta);
    this.#setLevels(this.bids, delta.bids);
    this.#setLevels(this.asks, delta.asks);
    this.time = delta.time;
    this.#seq = delta.seq;
    if (this.bids.length > 0 && this.asks.length > 0 && this.bids.price(0) >= this.asks.price(0)) {
      return this.#resync('crossed', delta);
    }
    return APPLIED;
  }

  /** Forgets the book (levels kept for inspection) so that only a snapshot brings it back. */
  invalidate(): void {
    this.#seq = Number.NaN;
  }

  /** The best bid price, or undefined when there are no bids. */
  bestBid(): number | undefined {
    return this.bids.length > 0 ? this.bids.price(0) : undefined;
  }

  /** The best ask price, or undefined when there are no asks. */
  bestAsk(): number | undefined {
    return this.asks.length > 0 ? this.asks.price(0) : undefined;
  }

  /** Best ask minus best bid, or undefined when a side is empty. */
  spread(): number | undefined {
    return this.bids.length > 0 && this.asks.length > 0 ? this.asks.price(0) - this.bids.price(0) : undefined;
  }

  /** The midpoint of the best bid and ask, or undefined when a side is empty. */
  mid(): number | undefined {
    return this.bids.length > 0 && this.asks.length > 0 ? (this.asks.price(0) + this.bids.price(0)) / 2 : undefined;
  }

  /** The best `count` levels of a side, best first (all of them when `count` is omitted). */
  top(side: BookSideName, count = Number.POSITIVE_INFINITY): BookLevels {
    const book = side === 'bid' ? this.bids : this.asks;
    const length = Math.min(book.length, count);
    const price = new Array<number>(length);
    const size = new Array<number>(length);
    for (let rank = 0; rank < length; rank++) {
      price[rank] = book.price(rank);
      size[rank] = book.size(rank);
    }
    return { price, size };
  }

  /** The book as a frame: every level, or the best `depth` per side, with the checksum of the top 10. */
  toFrame(depth = Number.POSITIVE_INFINITY): BookFrame {
    const bids = this.top('bid', depth);
    const asks = this.top('ask', depth);
    return {
      kind: 'book',
      symbol: this.symbol,
      time: this.time,
      seq: this.#seq,
      bids,
      asks,
      ...(this.tickSize === undefined ? {} : { tickSize: this.tickSize }),
      checksum: this.checksum(),
    };
  }

  /** `bookChecksum` of the book's top 10 levels per side. */
  checksum(): number {
    return bookChecksum({ bids: this.top('bid', 10), asks: this.top('ask', 10) });
  }

  #setLevels(side: BookSide, levels: BookLevels): void {
    const { price, size } = levels;
    for (let index = 0; index < price.length; index++) side.set(price[index] as number, size[index] as number);
  }

  #resync(reason: 'no-snapshot' | 'gap' | 'crossed', delta: BookDeltaFrame): BookApplyResult {
    const expectedFromSeq = reason === 'no-snapshot' ? Number.NaN : reason === 'gap' ? this.#seq + 1 : delta.fromSeq;
    this.#seq = Number.NaN;
    return { status: 'resync', reason, expectedFromSeq, fromSeq: delta.fromSeq, seq: delta.seq };
  }
}
