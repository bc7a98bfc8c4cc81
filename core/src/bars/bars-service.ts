import { type BarsProvenance, NautilusError, type OhlcvFrame, type Timeframe, toNautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { isCallersFault } from '../plugins/source-health.ts';
import {
  type BarColumns,
  type BarsKey,
  ChunkMemory,
  closedHorizon,
  emptyColumns,
  lowerBound,
  missingRanges,
  readBars,
  readCoverage,
  storeBars,
} from './bars-cache.ts';
import { type ChainRule, calendarFor, defaultChain, readChain, ruleFor } from './bars-chain.ts';
import { expectsBars, findGaps } from './session-calendar.ts';

export interface BarsQuery {
  symbol: string;
  timeframe: Timeframe;
  adjusted: boolean;
  from: number;
  to: number;
  maxPoints: number;
}

/** Most bars asked of a provider for one missing stretch. */
const FETCH_MAX_POINTS = 2_000_000;
/** More missing stretches than this are fetched as one span (providers take one range per call). */
const MAX_PIECES = 3;

/** What one provider call brought back for a stretch. */
interface Fetched {
  source: string;
  bars: BarColumns;
  forming: BarColumns;
}

/**
 * Core's bars source (`nautilus.core/bars`): resolves a symbol through the admin's fallback chain,
 * answers from the bars cache what it holds, asks the chain's sources (skipping those whose circuit
 * is open) only for the stretches it lacks, stores what they return, and says in the frame's
 * provenance which source served which stretch, whether prices are adjusted, where the session
 * calendar expected bars that are missing, and whether a failing provider left the answer stale.
 */
export class BarsService {
  readonly #db: Kysely<Tables>;
  readonly #plugins: PluginHost;
  readonly #now: () => number;
  /** Fetch-and-store of one key at a time in this instance, so a burst of panels asks a provider once. */
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Decoded chunks of the bars cache this instance read, re-read when another write changed them. */
  readonly #memory = new ChunkMemory();

  constructor(db: Kysely<Tables>, plugins: PluginHost, now: () => number = Date.now) {
    this.#db = db;
    this.#plugins = plugins;
    this.#now = now;
  }

  /** The chain in force: the admin's, or the default over the plugins that are loaded. */
  async chain(): Promise<ChainRule[]> {
    return (await readChain(this.#db)) ?? defaultChain((ref) => this.#plugins.hasDataSource(ref), this.#plugins.roles);
  }

  async query(query: BarsQuery): Promise<OhlcvFrame> {
    const { symbol, timeframe, adjusted, from, to } = query;
    const rule = ruleFor(await this.chain(), symbol);
    if (!rule) {
      throw new NautilusError(
        'NOT_FOUND',
        `No rule of the bars fallback chain matches ${symbol}; an admin can add one on the Data sources page.`,
        { fields: [{ path: 'params.symbol', message: 'matches no rule of the bars chain' }] },
      );
    }
    const calendar = calendarFor(rule, symbol);
    const key: BarsKey = { symbol, timeframe, adjusted };
    const startedAt = this.#now();
    const horizon = Math.min(to, closedHorizon(timeframe, startedAt));
    const { forming, failures, failedRange } = await this.#fill(key, rule, from, horizon, to, startedAt);

    const stored = from < horizon ? await readBars(this.#db, key, from, horizon, this.#memory) : emptyColumns();
    const bars = appendColumns(stored, forming?.forming);
    const coverage = from < horizon ? await readCoverage(this.#db, key, from, horizon) : [];
    const sources: BarsProvenance['sources'] = coverage.map((stretch) => ({
      source: stretch.source,
      from: Math.max(from, stretch.from),
      to: Math.min(horizon, stretch.to),
      cached: stretch.fetchedAt < startedAt,
    }));
    if (forming && forming.forming.time.length > 0) sources.push({ source: forming.source, from: horizon, to, cached: false });
    for (const stretch of sources) this.#plugins.counters.barsCacheUse(stretch.source, stretch.cached ? 'hit' : 'miss');
    if (failedRange) this.#plugins.counters.barsCacheUse('none', 'miss');

    if (failedRange && bars.time.length === 0) throw combined(symbol, failures);
    const gaps = findGaps(calendar, timeframe, bars.time, from, horizon);
    const provenance: BarsProvenance = { sources, adjusted, gaps: gaps.gaps, gapCount: gaps.count, calendar };
    if (failedRange) {
      provenance.stale = {
        message: `Showing stored bars: ${failures.map((failure) => failure.message).join(' · ')}`.slice(0, 1000),
        missingFrom: failedRange.from,
        missingTo: failedRange.to,
      };
    }
    const keep = Math.max(0, bars.time.length - query.maxPoints);
    const cut = (column: number[]) => (keep > 0 ? column.slice(keep) : column);
    return {
      kind: 'ohlcv',
      symbol,
      timeframe,
      time: cut(bars.time),
      open: cut(bars.open),
      high: cut(bars.high),
      low: cut(bars.low),
      close: cut(bars.close),
      volume: cut(bars.volume),
      provenance,
    };
  }

  /**
   * Fetches the stretches of [from, horizon) the cache lacks and stores them, and the forming bars in
   * [horizon, to) without storing them. Returns what failed on every source.
   */
  async #fill(key: BarsKey, rule: ChainRule, from: number, horizon: number, to: number, now: number) {
    const lockKey = `${key.symbol}|${key.timeframe}|${key.adjusted}`;
    const previous = this.#locks.get(lockKey) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => mine);
    this.#locks.set(lockKey, chained);
    await previous;
    try {
      const failures: NautilusError[] = [];
      let failedRange: { from: number; to: number } | undefined;
      const coverage = from < horizon ? await readCoverage(this.#db, key, from, horizon) : [];
      let pieces = missingRanges(coverage, from, horizon);
      if (pieces.length > MAX_PIECES)
        pieces = [{ from: (pieces[0] as { from: number }).from, to: (pieces.at(-1) as { to: number }).to }];
      let forming: Fetched | undefined;
      for (const piece of pieces) {
        // The forming bar rides along with the last stretch when that one reaches the horizon.
        const reach = piece.to === horizon && to > horizon ? to : piece.to;
        const tried: NautilusError[] = [];
        const answer = await this.#fetch(key, rule, piece.from, reach, tried);
        if (!answer) {
          // Only what failed on every source counts; a source the next one stood in for does not.
          failures.push(...tried);
          failedRange ??= { from: piece.from, to: piece.to };
          continue;
        }
        await storeBars(
          this.#db,
          key,
          answer.bars,
          this.#coveredFrom(key, rule, piece.from, piece.to, answer.bars),
          piece.to,
          answer.source,
          now,
        );
        if (reach > piece.to) forming = answer;
      }
      if (!forming && to > horizon && from < to && !pieces.some((piece) => piece.to === horizon)) {
        const tried: NautilusError[] = [];
        const answer = await this.#fetch(key, rule, horizon, to, tried);
        if (answer) forming = answer;
        else {
          failures.push(...tried);
          failedRange ??= { from: horizon, to };
        }
      }
      return { forming, failures, failedRange };
    } finally {
      release();
      if (this.#locks.get(lockKey) === chained) this.#locks.delete(lockKey);
    }
  }

  /**
   * Where the stored coverage of an answer starts: at the stretch's start, unless the calendar says
   * the market was open for a bar or more before the first bar came (the provider may not keep that
   * far back, so another source may still have it); an empty answer covers the stretch only when the
   * market was closed all of it.
   */
  #coveredFrom(key: BarsKey, rule: ChainRule, from: number, to: number, bars: BarColumns): number {
    const calendar = calendarFor(rule, key.symbol);
    if (calendar === 'none') return from;
    const first = bars.time[0];
    if (first === undefined) return expectsBars(calendar, key.timeframe, from, to) ? Number.POSITIVE_INFINITY : from;
    return expectsBars(calendar, key.timeframe, from, first) ? first : from;
  }

  /** Asks the rule's sources in order for bars opening in [from, to); undefined when none answered. */
  async #fetch(key: BarsKey, rule: ChainRule, from: number, to: number, failures: NautilusError[]): Promise<Fetched | undefined> {
    const horizon = closedHorizon(key.timeframe, this.#now());
    for (const source of rule.sources) {
      if (!this.#plugins.hasDataSource(source)) {
        failures.push(new NautilusError('NOT_FOUND', `${source} is not loaded`));
        continue;
      }
      const params: Record<string, unknown> = { symbol: key.symbol, timeframe: key.timeframe };
      if (key.adjusted) params.adjusted = true;
      try {
        this.#plugins.checkQuery(source, params);
      } catch (error) {
        // This source cannot take the request (an unknown symbol, no adjusted prices, no such timeframe).
        failures.push(toNautilusError(error));
        continue;
      }
      if (!this.#plugins.health.allow(source)) {
        const retryAt = this.#plugins.health.retryAt(source);
        failures.push(
          new NautilusError(
            'DATA_SOURCE_ERROR',
            `${source} is skipped after repeated failures${retryAt ? ` until ${new Date(retryAt).toISOString()}` : ''}`,
          ),
        );
        continue;
      }
      try {
        const frames = await this.#plugins.query(source, { params, range: { from, to }, maxPoints: FETCH_MAX_POINTS });
        const frame = frames.find((item): item is OhlcvFrame => item.kind === 'ohlcv');
        if (!frame) throw new NautilusError('DATA_SOURCE_ERROR', `${source} returned no bars frame`);
        const start = lowerBound(frame.time, from);
        const closedEnd = lowerBound(frame.time, Math.min(to, horizon));
        const end = lowerBound(frame.time, to);
        return { source, bars: slice(frame, start, closedEnd), forming: slice(frame, closedEnd, end) };
      } catch (error) {
        failures.push(toNautilusError(error));
      }
    }
    return undefined;
  }
}

function slice(frame: BarColumns, start: number, end: number): BarColumns {
  return {
    time: frame.time.slice(start, end),
    open: frame.open.slice(start, end),
    high: frame.high.slice(start, end),
    low: frame.low.slice(start, end),
    close: frame.close.slice(start, end),
    volume: frame.volume.slice(start, end),
  };
}

function appendColumns(stored: BarColumns, extra: BarColumns | undefined): BarColumns {
  if (!extra || extra.time.length === 0) return stored;
  const last = stored.time.at(-1) ?? Number.NEGATIVE_INFINITY;
  const start = lowerBound(extra.time, last + 1);
  for (const field of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    for (let index = start; index < extra[field].length; index++) stored[field].push(extra[field][index] as number);
  }
  return stored;
}

/** One error for a request no source could answer and the cache could not cover. */
function combined(symbol: string, failures: NautilusError[]): NautilusError {
  const code = failures.every((failure) => failure.code === 'RATE_LIMITED')
    ? 'RATE_LIMITED'
    : failures.every((failure) => isCallersFault(failure))
      ? 'NOT_FOUND'
      : 'DATA_SOURCE_ERROR';
  const reasons = failures.map((failure) => failure.message).join(' · ');
  return new NautilusError(
    code,
    `No source of the bars chain could give bars of ${symbol}, and none are stored: ${reasons}`.slice(0, 2000),
    {
      details: { failures: failures.map((failure) => ({ code: failure.code, message: failure.message.slice(0, 300) })) },
    },
  );
}
