/**
 * L2 order books as frames. Levels are column-wise like bars (`price[i]` has `size[i]`); bids run from
 * the best (highest) price down, asks from the best (lowest) price up. Sizes are in the instrument's
 * quantity unit and are absolute, never changes: a delta level says "this price now holds this size",
 * and size 0 removes the level. That makes deltas idempotent and mergeable, so a slow client can be
 * sent one merged delta (per price, the newest size) covering a run of sequence numbers.
 */
export interface BookLevels {
  price: number[];
  size: number[];
}

/** A full book (or its top `depth` levels) at sequence number `seq`. */
export interface BookFrame {
  kind: 'book';
  symbol: string;
  /** Epoch ms of the last change. */
  time: number;
  /** The sequence number of the last delta included. */
  seq: number;
  bids: BookLevels;
  asks: BookLevels;
  /** Price increment of the instrument, when known (the depth widget aggregates in multiples of it). */
  tickSize?: number;
  /** Checksum of the top levels (see the sdk's `bookChecksum`), to check a book rebuilt from deltas. */
  checksum?: number;
}

/**
 * Changes to a book. Applies to a book at sequence `fromSeq - 1` and leaves it at `seq`; a single
 * delta has `fromSeq === seq`, a merged (conflated) one covers `fromSeq..seq`. A book at any other
 * sequence has a gap and must resync from a snapshot.
 */
export interface BookDeltaFrame {
  kind: 'bookDelta';
  symbol: string;
  time: number;
  fromSeq: number;
  seq: number;
  bids: BookLevels;
  asks: BookLevels;
  /** Trades that happened with this change (they consumed levels), oldest first. */
  trades?: { price: number[]; size: number[]; side: ('buy' | 'sell')[] };
  checksum?: number;
}
