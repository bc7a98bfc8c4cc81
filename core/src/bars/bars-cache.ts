import { TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Tables } from '../db/tables.ts';

/** Which bars: one instrument, one timeframe, raw or adjusted prices. */
export interface BarsKey {
  symbol: string;
  timeframe: Timeframe;
  adjusted: boolean;
}

/** Bars column-wise, open times ascending. */
export interface BarColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/** A stretch the cache holds completely: every bar the source had in [from, to). */
export interface Coverage {
  from: number;
  to: number;
  source: string;
  fetchedAt: number;
}

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const DAY_MS = 86_400_000;

/** The span of one stored chunk: about 1,500–2,900 bars of each timeframe. */
export const CHUNK_MS: Record<Timeframe, number> = {
  '1m': DAY_MS,
  '5m': 7 * DAY_MS,
  '15m': 30 * DAY_MS,
  '1h': 90 * DAY_MS,
  '4h': 365 * DAY_MS,
  '1d': 3650 * DAY_MS,
};

export const emptyColumns = (): BarColumns => ({ time: [], open: [], high: [], low: [], close: [], volume: [] });

function encode(columns: BarColumns, start: number, end: number): Uint8Array {
  const count = end - start;
  const data = new Float64Array(count * FIELDS.length);
  FIELDS.forEach((field, f) => {
    data.set(columns[field].slice(start, end), f * count);
  });
  return new Uint8Array(data.buffer);
}

/** Appends the bars of one stored chunk that open in [from, to) to `into`. */
function decodeInto(into: BarColumns, bytes: Uint8Array, count: number, from: number, to: number): void {
  // A copy: the driver's buffer need not be 8-byte aligned.
  const data = new Float64Array(new Uint8Array(bytes).buffer);
  let first = 0;
  while (first < count && (data[first] as number) < from) first++;
  let last = first;
  while (last < count && (data[last] as number) < to) last++;
  FIELDS.forEach((field, f) => {
    const column = into[field];
    for (let index = first; index < last; index++) column.push(data[f * count + index] as number);
  });
}

const keyFilter = (key: BarsKey) => ({ symbol: key.symbol, timeframe: key.timeframe, adjusted: key.adjusted }) as const;

/** The stretches stored for `key` that overlap [from, to), oldest first. */
export async function readCoverage(db: Kysely<Tables>, key: BarsKey, from: number, to: number): Promise<Coverage[]> {
  const rows = await db
    .selectFrom('bars_coverage')
    .select(['range_from', 'range_to', 'source', 'fetched_at'])
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .where('adjusted', '=', key.adjusted)
    .where('range_from', '<', to)
    .where('range_to', '>', from)
    .orderBy('range_from')
    .execute();
  return rows.map((row) => ({ from: row.range_from, to: row.range_to, source: row.source, fetchedAt: row.fetched_at }));
}

/** The stored bars of `key` opening in [from, to). */
export async function readBars(db: Kysely<Tables>, key: BarsKey, from: number, to: number): Promise<BarColumns> {
  const span = CHUNK_MS[key.timeframe];
  const rows = await db
    .selectFrom('bars_chunks')
    .select(['bar_count', 'data'])
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .where('adjusted', '=', key.adjusted)
    .where('chunk_start', '>=', Math.floor(from / span) * span)
    .where('chunk_start', '<', to)
    .orderBy('chunk_start')
    .execute();
  const columns = emptyColumns();
  for (const row of rows) decodeInto(columns, row.data, row.bar_count, from, to);
  return columns;
}

/**
 * Stores what `source` answered for [from, to) of `key`: its bars replace any stored in that
 * stretch (a bar the provider no longer has is gone), and the stretch joins the coverage. One
 * transaction, serialised per key across instances, so a failure stores nothing and two writers
 * never lose each other's bars.
 */
export async function storeBars(
  db: Kysely<Tables>,
  key: BarsKey,
  bars: BarColumns,
  from: number,
  to: number,
  source: string,
  fetchedAt: number,
): Promise<void> {
  if (!(from < to)) return;
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`bars|${key.symbol}|${key.timeframe}|${key.adjusted}`}))`.execute(trx);
    const span = CHUNK_MS[key.timeframe];
    for (let chunk = Math.floor(from / span) * span; chunk < to; chunk += span) {
      await replaceInChunk(trx, key, chunk, bars, Math.max(from, chunk), Math.min(to, chunk + span));
    }
    await addCoverage(trx, key, { from, to, source, fetchedAt });
  });
}

async function replaceInChunk(
  trx: Transaction<Tables>,
  key: BarsKey,
  chunk: number,
  bars: BarColumns,
  from: number,
  to: number,
): Promise<void> {
  const span = CHUNK_MS[key.timeframe];
  const existing = await trx
    .selectFrom('bars_chunks')
    .select(['bar_count', 'data'])
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .where('adjusted', '=', key.adjusted)
    .where('chunk_start', '=', chunk)
    .executeTakeFirst();
  const before = emptyColumns();
  const after = emptyColumns();
  if (existing) {
    decodeInto(before, existing.data, existing.bar_count, chunk, from);
    decodeInto(after, existing.data, existing.bar_count, to, chunk + span);
  }
  const merged = emptyColumns();
  const start = lowerBound(bars.time, from);
  const end = lowerBound(bars.time, to);
  for (const field of FIELDS) merged[field] = [...before[field], ...bars[field].slice(start, end), ...after[field]];
  const count = merged.time.length;
  if (count === 0) {
    if (existing) {
      await trx
        .deleteFrom('bars_chunks')
        .where('symbol', '=', key.symbol)
        .where('timeframe', '=', key.timeframe)
        .where('adjusted', '=', key.adjusted)
        .where('chunk_start', '=', chunk)
        .execute();
    }
    return;
  }
  const data = encode(merged, 0, count);
  await trx
    .insertInto('bars_chunks')
    .values({ ...keyFilter(key), chunk_start: chunk, bar_count: count, data })
    .onConflict((conflict) =>
      conflict.columns(['symbol', 'timeframe', 'adjusted', 'chunk_start']).doUpdateSet({ bar_count: count, data }),
    )
    .execute();
}

/**
 * Adds [from, to) from one source to the coverage of `key`: older stretches it overlaps are cut back
 * (the new answer wins), and it merges with touching stretches from the same source.
 */
async function addCoverage(trx: Transaction<Tables>, key: BarsKey, added: Coverage): Promise<void> {
  const touching = await trx
    .selectFrom('bars_coverage')
    .select(['range_from', 'range_to', 'source', 'fetched_at'])
    .where('symbol', '=', key.symbol)
    .where('timeframe', '=', key.timeframe)
    .where('adjusted', '=', key.adjusted)
    .where('range_from', '<=', added.to)
    .where('range_to', '>=', added.from)
    .execute();
  const kept: Coverage[] = [];
  let merged = { ...added };
  for (const row of touching) {
    const old = { from: row.range_from, to: row.range_to, source: row.source, fetchedAt: row.fetched_at };
    if (old.source === added.source) {
      merged = { ...merged, from: Math.min(merged.from, old.from), to: Math.max(merged.to, old.to) };
      continue;
    }
    if (old.from < added.from) kept.push({ ...old, to: added.from });
    if (old.to > added.to) kept.push({ ...old, from: added.to });
  }
  if (touching.length > 0) {
    await trx
      .deleteFrom('bars_coverage')
      .where('symbol', '=', key.symbol)
      .where('timeframe', '=', key.timeframe)
      .where('adjusted', '=', key.adjusted)
      .where(
        'range_from',
        'in',
        touching.map((row) => row.range_from),
      )
      .execute();
  }
  await trx
    .insertInto('bars_coverage')
    .values(
      [...kept, merged].map((stretch) => ({
        ...keyFilter(key),
        range_from: stretch.from,
        range_to: stretch.to,
        source: stretch.source,
        fetched_at: stretch.fetchedAt,
      })),
    )
    .execute();
}

/** Index of the first element of ascending `values` that is >= `target`. */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The parts of [from, to) that `coverage` (sorted, possibly overlapping) leaves out. */
export function missingRanges(coverage: readonly Coverage[], from: number, to: number): { from: number; to: number }[] {
  const missing: { from: number; to: number }[] = [];
  let cursor = from;
  for (const stretch of coverage) {
    if (stretch.from > cursor) missing.push({ from: cursor, to: Math.min(stretch.from, to) });
    cursor = Math.max(cursor, stretch.to);
    if (cursor >= to) break;
  }
  if (cursor < to) missing.push({ from: cursor, to });
  return missing.filter((range) => range.from < range.to);
}

/** Bars opening in the range that `timeframe` could have closed by `now`: [.., start of the forming bar). */
export const closedHorizon = (timeframe: Timeframe, now: number) =>
  Math.floor(now / TIMEFRAME_MS[timeframe]) * TIMEFRAME_MS[timeframe];
