import { type BookDeltaFrame, type BookFrame, OrderBook } from '@nautilus/sdk';

/** Levels per side handed to the depth widget: enough to aggregate at a coarse tick and still fill a ladder. */
export const BOOK_FRAME_DEPTH = 400;

/** A book frame as the depth widget gets it: the book, plus how often it was started over. */
export type LiveBookFrame = BookFrame & { resyncs?: number };

const isBookFrame = (value: unknown): value is BookFrame =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'book';
const isBookDelta = (value: unknown): value is BookDeltaFrame =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'bookDelta';

/**
 * A panel's order book, kept with the sdk's OrderBook: a snapshot (from the history query, the
 * subscription's first message or a resync), then deltas in sequence. A delta that does not continue
 * the book (a gap, or a crossed book) answers `resync`, and the caller asks the server for a snapshot;
 * deltas are then ignored until it comes.
 */
export class LiveBook {
  readonly book = new OrderBook();
  /** Times the book was started over after it had been synced (gaps, crossed books, server resyncs). */
  resyncs = 0;
  #hadSnapshot = false;

  #fromChannel = false;

  /**
   * Takes the history query's snapshot until the channel has brought one of its own: the query may
   * answer another feed's book (its sequence numbers are not the channel's), so once the channel speaks
   * only the channel counts.
   */
  applySnapshot(frame: BookFrame): boolean {
    if (this.#fromChannel || (this.book.synced && frame.seq <= this.book.seq)) return false;
    this.book.applySnapshot(frame);
    this.#hadSnapshot = true;
    return true;
  }

  /** Applies one live message: a snapshot or a delta. `resync` asks the caller to request a snapshot. */
  apply(message: unknown): 'applied' | 'ignored' | 'resync' {
    if (isBookFrame(message)) {
      // A snapshot on the live channel is authoritative even when older (the server restarted its feed).
      this.book.applySnapshot(message);
      this.#hadSnapshot = true;
      this.#fromChannel = true;
      return 'applied';
    }
    if (!isBookDelta(message)) return 'ignored';
    // Deltas continue the channel's snapshot, never the query's.
    if (!this.#fromChannel || (!this.book.synced && !this.#hadSnapshot)) return 'ignored';
    const result = this.book.applyDelta(message);
    if (result.status === 'applied') return 'applied';
    if (result.status === 'stale') return 'ignored';
    this.resyncs++;
    this.#hadSnapshot = false;
    return 'resync';
  }

  /** Notes a resync the server started (the subscription's state was dropped). */
  resyncedByServer(): void {
    // A resync this book asked for (a gap) was counted when the gap was seen.
    if (this.book.synced) this.resyncs++;
    this.book.invalidate();
  }

  /** The book's frame for the widget, or undefined before the first snapshot. */
  frame(depth = BOOK_FRAME_DEPTH): LiveBookFrame | undefined {
    if (!this.book.synced) return undefined;
    return { ...this.book.toFrame(depth), resyncs: this.resyncs };
  }

  /** Finds a book snapshot among a query's frames. */
  static snapshotOf(frames: readonly unknown[] | undefined): BookFrame | undefined {
    return frames?.find(isBookFrame);
  }
}
