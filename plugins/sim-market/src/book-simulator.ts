import { type BookDeltaFrame, type BookFrame, type BookLevels, OrderBook } from '@nautilus/sdk';
import { counterKey, seedOf, unitInterval } from './counter-random.ts';
import type { SimInstrument } from './instrument.ts';

/** The nearest of 1, 2, 5, 10, 20, 50… ticks to `ticks` (at least 1), so level prices look like an exchange's. */
function niceTicks(ticks: number): number {
  if (ticks <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(ticks));
  const [nice] = [1, 2, 5, 10].map((step) => step * power).sort((a, b) => Math.abs(a - ticks) - Math.abs(b - ticks));
  return nice as number;
}

export interface BookSimulatorOptions {
  instrument: SimInstrument;
  /** The price the book starts around (the instrument's latest simulated close). */
  price: number;
  /** Levels kept per side. */
  depth: number;
  /** Same seed, same instrument, same price: the same snapshot and the same deltas, always. */
  seed: number;
}

/**
 * A simulated L2 book for one instrument: a snapshot, then one delta per `step()` made of what an
 * exchange sees: limit orders joining or leaving levels near the top, and market orders (trades) that
 * consume the best levels of the other side, sometimes several, widening the spread until new orders
 * refill it. Level sizes grow with the distance from the top (a realistic hump), the fair price wanders
 * with the instrument's volatility and is pulled towards `anchor()` (the simulated bars' latest close),
 * and each side is kept at `depth` levels by trimming or extending its far end. Prices are whole units (a
 * multiple of the tick), sizes whole lots; every draw is counter-based (seed, step, draw), so the sequence is deterministic.
 */
export class BookSimulator {
  readonly #instrument: SimInstrument;
  readonly #depth: number;
  readonly #seed: number;
  readonly #book = new OrderBook();
  readonly #lot: number;
  readonly #lotDecimals: number;
  /** Price distance between neighbouring levels: whole ticks, about 0.2 bp of the price rounded to 1, 2 or 5 × 10^k ticks (1 tick for most, $2 for BTC). */
  readonly #unit: number;
  /** Fair price in units (fractional), and the price the bars say it should be near. */
  #fair: number;
  #anchor: number;
  #seq = 0;
  #draws = 0;

  constructor(options: BookSimulatorOptions) {
    const { instrument, price, depth, seed } = options;
    this.#instrument = instrument;
    this.#depth = depth;
    this.#seed = (seed ^ seedOf(instrument.symbol)) >>> 0;
    // A typical level holds about 1/20,000 of a day's volume, in lots of a power of ten.
    const typical = Math.max(instrument.dailyVolume, 10_000) / 20_000;
    // Whole units for all but crypto, which trades in fractions (FX sizes read as millions of the base currency).
    const lotPower = Math.max(instrument.assetClass === 'crypto' ? -8 : 0, Math.floor(Math.log10(typical / 10)));
    this.#lot = 10 ** lotPower;
    this.#lotDecimals = Math.max(0, -lotPower);
    this.#unit = niceTicks((price / instrument.tickSize) * 0.00002) * instrument.tickSize;
    this.#fair = price / this.#unit;
    this.#anchor = this.#fair;
    this.#build();
  }

  /** The book as it stands, every level. */
  snapshot(time: number): BookFrame {
    const frame = this.#book.toFrame();
    return { ...frame, symbol: this.#instrument.symbol, time, seq: this.#seq, tickSize: this.#instrument.tickSize };
  }

  /** Moves the price the book is pulled towards (a newer close of the simulated bars). */
  anchor(price: number): void {
    if (Number.isFinite(price) && price > 0) this.#anchor = price / this.#unit;
  }

  /** The next change to the book. */
  step(time: number): BookDeltaFrame {
    this.#seq++;
    const changes = { bids: new Map<number, number>(), asks: new Map<number, number>() };
    const trades: NonNullable<BookDeltaFrame['trades']> = { price: [], size: [], side: [] };
    // The fair price wanders about a third of a level per step and is pulled slowly towards the anchor.
    this.#fair += this.#normal() * 0.3 + (this.#anchor - this.#fair) * 0.001;
    const bestBid = this.#units(this.#book.bestBid() as number);
    const bestAsk = this.#units(this.#book.bestAsk() as number);
    const mid = (bestBid + bestAsk) / 2;
    // A step is either one market order (a trade, more likely on the side the fair price leans to) or
    // one to three limit orders joining or leaving; never both, so a trade always hits levels the
    // book showed before the step.
    if (this.#uniform() < 0.3) {
      const buyOdds = Math.min(0.9, Math.max(0.1, 0.5 + (this.#fair - mid) * 0.15));
      this.#trade(this.#uniform() < buyOdds ? 'buy' : 'sell', changes, trades);
    } else {
      const events = 1 + Math.floor(this.#uniform() * 3);
      for (let event = 0; event < events; event++) {
        const side = this.#uniform() < 0.5 ? 'bid' : 'ask';
        if (this.#uniform() < 0.55) this.#join(side, changes);
        else this.#cancel(side, changes);
      }
    }
    this.#keepDepth('bid', changes.bids);
    this.#keepDepth('ask', changes.asks);
    const delta: BookDeltaFrame = {
      kind: 'bookDelta',
      symbol: this.#instrument.symbol,
      time,
      fromSeq: this.#seq,
      seq: this.#seq,
      bids: this.#levels(changes.bids, true),
      asks: this.#levels(changes.asks, false),
    };
    if (trades.price.length > 0) delta.trades = trades;
    return delta;
  }

  // Every change goes through here: into the book and into the delta being built.
  #set(side: 'bid' | 'ask', ticks: number, size: number, changes: Map<number, number>): void {
    const price = this.#price(ticks);
    (side === 'bid' ? this.#book.bids : this.#book.asks).set(price, size);
    changes.set(price, size);
  }

  #build(): void {
    const fair = Math.round(this.#fair);
    const halfSpread = 1 + Math.floor(this.#uniform() * 2);
    const none = new Map<number, number>();
    for (let rank = 0; rank < this.#depth; rank++) {
      this.#set('bid', fair - halfSpread - rank, this.#levelSize(rank), none);
      this.#set('ask', fair + halfSpread + rank, this.#levelSize(rank), none);
    }
  }

  /** A market order: consumes the best levels of the opposite side. */
  #trade(
    side: 'buy' | 'sell',
    changes: { bids: Map<number, number>; asks: Map<number, number> },
    trades: NonNullable<BookDeltaFrame['trades']>,
  ): void {
    const levels = side === 'buy' ? this.#book.asks : this.#book.bids;
    const target = side === 'buy' ? changes.asks : changes.bids;
    // Mostly smaller than the top level; one in ten sweeps a few levels.
    let remaining =
      this.#roundLot(levels.size(0) * (this.#uniform() < 0.1 ? 2 + this.#uniform() * 3 : this.#uniform() * 0.9)) || this.#lot;
    while (remaining > 0 && levels.length > 1) {
      const price = levels.price(0);
      const size = levels.size(0);
      const taken = Math.min(size, remaining);
      trades.price.push(price);
      trades.size.push(taken);
      trades.side.push(side);
      remaining = this.#roundLot(remaining - taken);
      this.#set(side === 'buy' ? 'ask' : 'bid', this.#units(price), this.#roundLot(size - taken), target);
    }
  }

  /** A limit order joins a level near the top, or opens a new best level inside the spread. */
  #join(side: 'bid' | 'ask', changes: { bids: Map<number, number>; asks: Map<number, number> }): void {
    const bestBid = this.#units(this.#book.bestBid() as number);
    const bestAsk = this.#units(this.#book.bestAsk() as number);
    const target = side === 'bid' ? changes.bids : changes.asks;
    const rank = Math.floor(-Math.log(this.#uniform()) * 4);
    let ticks = side === 'bid' ? bestBid - rank : bestAsk + rank;
    // Inside a wide spread, new orders improve the price towards the fair one.
    if (bestAsk - bestBid > 1 && this.#uniform() < 0.6) {
      const toward = Math.round(this.#fair);
      ticks =
        side === 'bid'
          ? Math.min(bestAsk - 1, Math.max(bestBid + 1, toward - 1))
          : Math.max(bestBid + 1, Math.min(bestAsk - 1, toward + 1));
    }
    const sides = side === 'bid' ? this.#book.bids : this.#book.asks;
    const current = this.#sizeAt(sides, this.#price(ticks));
    this.#set(side, ticks, this.#roundLot(current + this.#levelSize(Math.min(rank, 3)) * 0.5) || this.#lot, target);
  }

  /** A limit order leaves: part of a level near the top, sometimes all of it. */
  #cancel(side: 'bid' | 'ask', changes: { bids: Map<number, number>; asks: Map<number, number> }): void {
    const levels = side === 'bid' ? this.#book.bids : this.#book.asks;
    const rank = Math.min(levels.length - 1, Math.floor(-Math.log(this.#uniform()) * 6));
    if (rank <= 0 && levels.length <= 1) return;
    const price = levels.price(rank);
    const size = levels.size(rank);
    const left = this.#uniform() < 0.25 ? 0 : this.#roundLot(size * (0.3 + this.#uniform() * 0.6));
    this.#set(side, this.#units(price), left, side === 'bid' ? changes.bids : changes.asks);
  }

  /** Trims the far end of a side to `depth` levels, or extends it beyond its worst level. */
  #keepDepth(side: 'bid' | 'ask', changes: Map<number, number>): void {
    const levels = side === 'bid' ? this.#book.bids : this.#book.asks;
    while (levels.length > this.#depth) this.#set(side, this.#units(levels.price(levels.length - 1)), 0, changes);
    while (levels.length < this.#depth) {
      const worst = this.#units(levels.price(levels.length - 1));
      const gap = 1 + (this.#uniform() < 0.15 ? 1 : 0);
      this.#set(side, side === 'bid' ? worst - gap : worst + gap, this.#levelSize(levels.length), changes);
    }
  }

  #levels(changes: Map<number, number>, descending: boolean): BookLevels {
    const price = [...changes.keys()].sort(descending ? (a, b) => b - a : (a, b) => a - b);
    return { price, size: price.map((value) => changes.get(value) as number) };
  }

  #sizeAt(side: OrderBook['bids'], price: number): number {
    for (let rank = 0; rank < Math.min(side.length, 64); rank++) if (side.price(rank) === price) return side.size(rank);
    return 0;
  }

  /** A level's size: grows with the distance from the top, times a log-normal-ish noise, in whole lots (at least one). */
  #levelSize(rank: number): number {
    const hump = 1 + 0.12 * Math.min(rank, 40);
    const noise = Math.exp(this.#normal() * 0.6);
    return Math.max(this.#lot, this.#roundLot(this.#lot * 10 * hump * noise));
  }

  #roundLot(size: number): number {
    const lots = Math.max(0, Math.round(size / this.#lot));
    return Number((lots * this.#lot).toFixed(this.#lotDecimals));
  }

  #price(ticks: number): number {
    return Number((ticks * this.#unit).toFixed(this.#instrument.priceDecimals));
  }

  #units(price: number): number {
    return Math.round(price / this.#unit);
  }

  #uniform(): number {
    return unitInterval(counterKey(this.#seed, this.#seq, this.#draws++));
  }

  /** A roughly normal draw (sum of three uniforms, recentred and scaled to variance 1). */
  #normal(): number {
    return (this.#uniform() + this.#uniform() + this.#uniform() - 1.5) * 2;
  }
}
