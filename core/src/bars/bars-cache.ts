import { TIMEFRAME_MS, type Timeframe } from '@nautilus/sdk';
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
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

function encode(columns: BarColumns): string {
  const count = columns.time.length;
  const data = new Float64Array(count * FIELDS.length);
  FIELDS.forEach((field, f) => {
    data.set(columns[field], f * count);
  });
  return Buffer.from(data.buffer).toString('base64');
}

function decode(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  // A copy into a fresh buffer: the decoded one need not be 8-byte aligned.
  return new Float64Array(new Uint8Array(bytes).buffer);
}

/** The index range [first, last) of one decoded chunk's bars that open in [from, to). */
function within(data: Float64Array, count: number, from: number, to: number): [number, number] {
  let first = 0;
  while (first < count && (data[first] as number) < from) first++;
  let last = first;
  while (last < count && (data[last] as number) < to) last++;
  return [first, last];
}

/** Appends the bars of one decoded chunk that open in [from, to) to `into`. */
function decodeInto(into: BarColumns, data: Float64Array, count: number, from: number, to: number): void {
  const [first, last] = within(data, count, from, to);
  FIELDS.forEach((field, f) => {
    const column = into[field];
    for (let index = first; index < last; index++) column.push(data[f * count + index] as number);
  });
}

const keyFilter = (key: BarsKey) => ({ symbol: key.symbol, timeframe: key.timeframe, adjusted: key.adjusted }) as const;

/** The rows of one key, in either bars table. */
const ofKey = (key: BarsKey) => (eb: ExpressionBuilder<Tables, 'bars_chunks' | 'bars_coverage'>) =>
  eb.and([eb('symbol', '=', key.symbol), eb('timeframe', '=', key.timeframe), eb('adjusted', '=', key.adjusted)]);

/** The stretches stored for `key` that overlap [from, to), oldest first. */
export async function readCoverage(db: Kysely<Tables>, key: BarsKey, from: number, to: number): Promise<Coverage[]> {
  const rows = await db
    .selectFrom('bars_coverage')
    .select(['range_from', 'range_to', 'source', 'fetched_at'])
    .where(ofKey(key))
    .where('range_from', '<', to)
    .where('range_to', '>', from)
    .orderBy('range_from')
    .execute();
  return rows.map((row) => ({ from: row.range_from, to: row.range_to, source: row.source, fetchedAt: row.fetched_at }));
}

/**
 * Decoded chunks kept in memory (least recently used out first, within `maxBytes`), each with the
 * version it was read at. The database stays the truth: a read asks it for the chunks' versions and
 * fetches the data of only those that changed or are not held.
 */
export class ChunkMemory {
  readonly #chunks = new Map<string, { version: number; count: number; data: Float64Array }>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes = 256 * 1024 * 1024) {
    this.#maxBytes = maxBytes;
  }

  get(id: string, version: number): { count: number; data: Float64Array } | undefined {
    const chunk = this.#chunks.get(id);
    if (!chunk || chunk.version !== version) return undefined;
    this.#chunks.delete(id);
    this.#chunks.set(id, chunk);
    return chunk;
  }

  set(id: string, version: number, count: number, data: Float64Array): void {
    this.delete(id);
    if (data.byteLength > this.#maxBytes) return;
    this.#chunks.set(id, { version, count, data });
    this.#bytes += data.byteLength;
    for (const [oldest, chunk] of this.#chunks) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#chunks.delete(oldest);
      this.#bytes -= chunk.data.byteLength;
    }
  }

  delete(id: string): void {
    const chunk = this.#chunks.get(id);
    if (!chunk) return;
    this.#chunks.delete(id);
    this.#bytes -= chunk.data.byteLength;
  }
}

const chunkId = (key: BarsKey, chunk: number) => `${key.symbol}|${key.timeframe}|${key.adjusted}|${chunk}`;

/** The stored bars of `key` opening in [from, to); chunks held in `memory` at their current version are not read again. */
export async function readBars(
  db: Kysely<Tables>,
  key: BarsKey,
  from: number,
  to: number,
  memory: ChunkMemory = new ChunkMemory(0),
): Promise<BarColumns> {
  const span = CHUNK_MS[key.timeframe];
  const versions = await db
    .selectFrom('bars_chunks')
    .select(['chunk_start', 'version', 'bar_count'])
    .where(ofKey(key))
    .where('chunk_start', '>=', Math.floor(from / span) * span)
    .where('chunk_start', '<', to)
    .orderBy('chunk_start')
    .execute();
  const held = new Map<number, { count: number; data: Float64Array }>();
  const missing: number[] = [];
  for (const row of versions) {
    const chunk = memory.get(chunkId(key, row.chunk_start), row.version);
    if (chunk) held.set(row.chunk_start, chunk);
    else missing.push(row.chunk_start);
  }
  if (missing.length > 0) {
    const rows = await db
      .selectFrom('bars_chunks')
      .select(['chunk_start', 'version', 'bar_count', 'data'])
      .where(ofKey(key))
      .where('chunk_start', 'in', missing)
      .execute();
    for (const row of rows) {
      const data = decode(row.data);
      memory.set(chunkId(key, row.chunk_start), row.version, row.bar_count, data);
      held.set(row.chunk_start, { count: row.bar_count, data });
    }
  }
  // Sized first, then filled by index: pushing half a million values a column is several times slower.
  const chunks = versions
    .map((row) => held.get(row.chunk_start))
    .filter((chunk): chunk is { count: number; data: Float64Array } => chunk !== undefined)
    .map(({ data, count }) => {
      const [first, last] = within(data, count, from, to);
      return { data, count, first, last };
    });
  const total = chunks.reduce((sum, chunk) => sum + chunk.last - chunk.first, 0);
  const columns: BarColumns = {
    time: new Array(total),
    open: new Array(total),
    high: new Array(total),
    low: new Array(total),
    close: new Array(total),
    volume: new Array(total),
  };
  let at = 0;
  for (const { data, count, first, last } of chunks) {
    FIELDS.forEach((field, f) => {
      const column = columns[field];
      const offset = f * count;
      for (let index = first; index < last; index++) column[at + index - first] = data[offset + index] as number;
    });
    at += last - first;
  }
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
    await replaceChunks(trx, key, bars, from, to);
    await addCoverage(trx, key, { from, to, source, fetchedAt });
  });
}

/** Rows written per statement: a year of 1m bars is 366 chunks, so a handful of statements. */
const ROWS_PER_STATEMENT = 50;

/** Replaces the stored bars in [from, to) of every chunk the stretch touches with `bars`' ones there. */
async function replaceChunks(trx: Transaction<Tables>, key: BarsKey, bars: BarColumns, from: number, to: number): Promise<void> {
  const span = CHUNK_MS[key.timeframe];
  const firstChunk = Math.floor(from / span) * span;
  const existing = new Map(
    (
      await trx
        .selectFrom('bars_chunks')
        .select(['chunk_start', 'bar_count', 'data'])
        .where(ofKey(key))
        .where('chunk_start', '>=', firstChunk)
        .where('chunk_start', '<', to)
        .execute()
    ).map((row) => [row.chunk_start, row]),
  );
  const writes: { chunk_start: number; bar_count: number; version: number; data: string }[] = [];
  const emptied: number[] = [];
  for (let chunk = firstChunk; chunk < to; chunk += span) {
    const start = Math.max(from, chunk);
    const end = Math.min(to, chunk + span);
    const merged = emptyColumns();
    const old = existing.get(chunk);
    const oldData = old ? decode(old.data) : undefined;
    if (old && oldData) decodeInto(merged, oldData, old.bar_count, chunk, start);
    const first = lowerBound(bars.time, start);
    const last = lowerBound(bars.time, end);
    for (const field of FIELDS) for (let index = first; index < last; index++) merged[field].push(bars[field][index] as number);
    if (old && oldData) decodeInto(merged, oldData, old.bar_count, end, chunk + span);
    if (merged.time.length > 0)
      writes.push({ chunk_start: chunk, bar_count: merged.time.length, version: Math.random(), data: encode(merged) });
    else if (old) emptied.push(chunk);
  }
  if (emptied.length > 0) {
    await trx.deleteFrom('bars_chunks').where(ofKey(key)).where('chunk_start', 'in', emptied).execute();
  }
  for (let index = 0; index < writes.length; index += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('bars_chunks')
      .values(writes.slice(index, index + ROWS_PER_STATEMENT).map((write) => ({ ...keyFilter(key), ...write })))
      .onConflict((conflict) =>
        conflict.columns(['symbol', 'timeframe', 'adjusted', 'chunk_start']).doUpdateSet((update) => ({
          bar_count: update.ref('excluded.bar_count'),
          version: update.ref('excluded.version'),
          data: update.ref('excluded.data'),
        })),
      )
      .execute();
  }
}

/**
 * Adds [from, to) from one source to the coverage of `key`: older stretches it overlaps are cut back
 * (the new answer wins), and it merges with touching stretches from the same source.
 */
async function addCoverage(trx: Transaction<Tables>, key: BarsKey, added: Coverage): Promise<void> {
  const touching = await trx
    .selectFrom('bars_coverage')
    .select(['range_from', 'range_to', 'source', 'fetched_at'])
    .where(ofKey(key))
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
      .where(ofKey(key))
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
