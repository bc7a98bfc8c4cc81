import { setTimeout as sleep } from 'node:timers/promises';
import type { BookFrame, DataSource, Frame, StreamRequest } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { BookSimulator } from './book-simulator.ts';
import type { SimInstrument } from './instrument.ts';
import { findInstrument, instruments } from './instruments.ts';
import type { SimMarket } from './sim-market.ts';

/** Params of the `book` data source, as its query schema describes them. */
export interface BookParams {
  symbol: string;
  /** Levels per side (default 50). */
  depth?: number;
  /** Deltas per second a stream emits (default 10). */
  rate?: number;
  /** The book's random seed (default 1): the same seed and start price give the same book and deltas. */
  seed?: number;
}

/** Instruments with a book: everything that trades (an index has no volume, so no book). */
export const bookInstruments = instruments.filter((instrument) => instrument.dailyVolume > 0);

export const BOOK_LIMITS = { depth: { min: 1, max: 1_000, default: 50 }, rate: { min: 0.1, max: 500, default: 10 } } as const;

interface BookRequest {
  instrument: SimInstrument;
  depth: number;
  rate: number;
  seed: number;
}

const invalid = (path: string, message: string) => NautilusError.validation('sim-market book query', [{ path, message }]);

/** Maps params the host validated against the schema to a request, filling defaults (direct callers get the same field errors). */
export function toBookRequest(params: Partial<Record<keyof BookParams, unknown>> | undefined): BookRequest {
  const { symbol, depth = BOOK_LIMITS.depth.default, rate = BOOK_LIMITS.rate.default, seed = 1 } = params ?? {};
  const instrument = typeof symbol === 'string' ? findInstrument(symbol) : undefined;
  if (!instrument || instrument.dailyVolume === 0) {
    throw invalid(
      'symbol',
      `no book for ${JSON.stringify(symbol)}; use one of ${bookInstruments.map((item) => item.symbol).join(', ')}`,
    );
  }
  if (!(Number.isInteger(depth) && (depth as number) >= BOOK_LIMITS.depth.min && (depth as number) <= BOOK_LIMITS.depth.max)) {
    throw invalid(
      'depth',
      `must be an integer from ${BOOK_LIMITS.depth.min} to ${BOOK_LIMITS.depth.max}, got ${JSON.stringify(depth)}`,
    );
  }
  if (!(typeof rate === 'number' && rate >= BOOK_LIMITS.rate.min && rate <= BOOK_LIMITS.rate.max)) {
    throw invalid(
      'rate',
      `must be a number from ${BOOK_LIMITS.rate.min} to ${BOOK_LIMITS.rate.max}, got ${JSON.stringify(rate)}`,
    );
  }
  if (!(Number.isInteger(seed) && (seed as number) >= 0))
    throw invalid('seed', `must be an integer >= 0, got ${JSON.stringify(seed)}`);
  return { instrument, depth: depth as number, rate, seed: seed as number };
}

/** The instrument's latest simulated 1m close at `now` (the last session's close when the market is shut). */
async function latestClose(market: SimMarket, instrument: SimInstrument, now: number, signal: AbortSignal): Promise<number> {
  const frame = await market.bars({ instrument, timeframe: '1m', from: now - 5 * 86_400_000, to: now + 1, maxPoints: 1 }, signal);
  return frame.close[frame.close.length - 1] ?? instrument.anchorPrice;
}

/** How often a stream re-reads the bars' close to pull its book towards. */
const ANCHOR_EVERY_MS = 30_000;
/** Shortest sleep between emissions; faster rates emit several deltas per wake-up. */
const MIN_SLEEP_MS = 20;

/**
 * The `book` data source: `query()` answers a fresh snapshot (seq 0) around the instrument's latest
 * simulated close; `stream()` emits that snapshot, then `rate` deltas a second from the same simulator,
 * re-anchored on the bars' close every 30 s. Each stream is its own book: the host runs one per channel.
 */
export function bookSource(market: SimMarket, clock: () => number = Date.now): DataSource<BookParams> {
  return {
    async query(query, signal) {
      const request = toBookRequest(query.params);
      const now = clock();
      const price = await latestClose(market, request.instrument, now, signal);
      const simulator = new BookSimulator({ instrument: request.instrument, price, depth: request.depth, seed: request.seed });
      return [simulator.snapshot(now) satisfies BookFrame];
    },
    async stream(request: StreamRequest<BookParams>, emit: (frame: Frame) => void, signal: AbortSignal) {
      const { instrument, depth, rate, seed } = toBookRequest(request.params);
      const start = clock();
      const simulator = new BookSimulator({
        instrument,
        price: await latestClose(market, instrument, start, signal),
        depth,
        seed,
      });
      emit(simulator.snapshot(start));
      let emitted = 0;
      let anchoredAt = start;
      while (!signal.aborted) {
        const now = clock();
        const due = Math.min(Math.floor(((now - start) / 1_000) * rate) - emitted, 1_000);
        for (let index = 0; index < due; index++) emit(simulator.step(now));
        emitted += Math.max(0, due);
        if (now - anchoredAt >= ANCHOR_EVERY_MS) {
          anchoredAt = now;
          simulator.anchor(await latestClose(market, instrument, now, signal).catch(() => Number.NaN));
        }
        await sleep(Math.max(MIN_SLEEP_MS, 1_000 / rate), undefined, { signal }).catch(() => {});
      }
    },
  };
}
