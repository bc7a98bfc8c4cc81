import type { BookFrame, BookLevels } from '@nautilus/sdk';
import { aggregateLevels } from '@nautilus/sdk';

/** One ladder row: a (grouped) price level with its size and the running total from the best level. */
export interface DepthRow {
  price: number;
  size: number;
  total: number;
}

/** What the widget draws from a book: both sides grouped and cut to `levels`, and the figures above them. */
export interface DepthModel {
  /** Best (highest) first. */
  bids: DepthRow[];
  /** Best (lowest) first. */
  asks: DepthRow[];
  bestBid?: number | undefined;
  bestAsk?: number | undefined;
  spread?: number | undefined;
  /** Spread in basis points of the mid. */
  spreadBps?: number | undefined;
  mid?: number | undefined;
  /** The larger side's total over the rows shown: depth bars are drawn against it. */
  maxTotal: number;
  tick: number;
  step: number;
  /** Decimals that print every grouped price exactly. */
  priceDecimals: number;
  seq: number;
  resyncs: number;
}

/** Decimals of a number as written (0.05 → 2, 25 → 0, 1e-7 → 7). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/**
 * The instrument's tick: the frame's `tickSize`, else the smallest gap between neighbouring prices
 * (rounded to the decimals the prices are written with), else 0.01.
 */
export function tickOf(frame: Pick<BookFrame, 'tickSize' | 'bids' | 'asks'>): number {
  if (frame.tickSize !== undefined && frame.tickSize > 0) return frame.tickSize;
  let decimals = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (const side of [frame.bids.price, frame.asks.price]) {
    for (let index = 0; index < side.length; index++) {
      decimals = Math.max(decimals, decimalsOf(side[index] as number));
      if (index > 0) smallest = Math.min(smallest, Math.abs((side[index] as number) - (side[index - 1] as number)));
    }
  }
  if (!Number.isFinite(smallest) || smallest <= 0) return 0.01;
  return Number(smallest.toFixed(Math.min(12, decimals)));
}

function rows(levels: BookLevels): DepthRow[] {
  let total = 0;
  return levels.price.map((price, index) => {
    const size = levels.size[index] as number;
    total += size;
    return { price, size, total };
  });
}

/**
 * The ladder and figures for a book, grouped by `grouping` ticks and cut to `levels` rows per side.
 * Spread and mid come from the raw best prices, not the grouped ones (grouping would widen the spread).
 * @example depthModel(frame, 5, 1, 0).spread // best ask − best bid
 */
export function depthModel(frame: BookFrame, levels: number, grouping: number, resyncs: number): DepthModel {
  const tick = tickOf(frame);
  const step = Number((tick * Math.max(1, grouping)).toFixed(Math.min(12, decimalsOf(tick) + 2)));
  const bids = rows(aggregateLevels(frame.bids, 'bid', step, levels));
  const asks = rows(aggregateLevels(frame.asks, 'ask', step, levels));
  const bestBid = frame.bids.price[0];
  const bestAsk = frame.asks.price[0];
  const both = bestBid !== undefined && bestAsk !== undefined;
  const spread = both ? bestAsk - bestBid : undefined;
  const mid = both ? (bestAsk + bestBid) / 2 : undefined;
  return {
    bids,
    asks,
    bestBid,
    bestAsk,
    spread,
    spreadBps: spread !== undefined && mid ? (spread / mid) * 10_000 : undefined,
    mid,
    maxTotal: Math.max(bids.at(-1)?.total ?? 0, asks.at(-1)?.total ?? 0),
    tick,
    step,
    priceDecimals: Math.min(10, decimalsOf(step)),
    seq: frame.seq,
    resyncs,
  };
}

/** Ladder rows per side that fit `height` px, between 1 and `levels`. */
export function rowsThatFit(height: number, rowHeight: number, levels: number): number {
  // Two sides share the height with the spread row.
  return Math.max(1, Math.min(levels, Math.floor((height / rowHeight - 1) / 2)));
}
