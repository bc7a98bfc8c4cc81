import { randomUUID } from 'node:crypto';
import { type FieldIssue, NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Tables } from '../db/tables.ts';
import { isEmpty, numberCell, timeCell } from './convert-cells.ts';
import { type Cell, readColumns } from './read-table.ts';

/** Which file columns mean what. OHLC (volume optional) make bars; otherwise `values` make series. */
export const mappingSchema = z
  .strictObject({
    time: z.string().min(1).max(200),
    symbol: z.string().min(1).max(200).optional(),
    open: z.string().min(1).max(200).optional(),
    high: z.string().min(1).max(200).optional(),
    low: z.string().min(1).max(200).optional(),
    close: z.string().min(1).max(200).optional(),
    volume: z.string().min(1).max(200).optional(),
    values: z.array(z.string().min(1).max(200)).max(50).optional(),
  })
  .refine((m) => (m.open && m.high && m.low && m.close) || (!m.open && !m.high && !m.low && !m.close), {
    message: 'map all of open, high, low and close for bars, or none of them',
    path: ['close'],
  })
  .refine((m) => m.close || (m.values?.length ?? 0) > 0, {
    message: 'map OHLC columns or at least one value column',
    path: ['values'],
  });
export type Mapping = z.infer<typeof mappingSchema>;

export const MAX_UPLOAD_ROWS = 5_000_000;
/** Rows per stored chunk (per symbol). */
const CHUNK_ROWS = 50_000;
const MAX_LISTED_ERRORS = 50;

export interface UploadSummary {
  id: string;
  name: string;
  kind: 'ohlcv' | 'series';
  format: string;
  columns: string[];
  symbols: string[];
  rows: number;
  from: number | null;
  to: number | null;
  createdAt: string;
}

/** Problems found in a file: the first 50 named by row (1 is the header for CSV) and column, and how many in all. */
export class UploadRejected extends NautilusError {
  constructor(issues: FieldIssue[], total: number) {
    super(
      'VALIDATION',
      `The file has ${total} problem${total === 1 ? '' : 's'}; nothing was stored. ${issues
        .slice(0, 3)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}`,
      {
        fields: issues,
        details: { problems: total },
      },
    );
  }
}

/**
 * Reads, checks and stores a whole file in one transaction: every row is checked first (times,
 * numbers, OHLC consistency, one row per time and symbol), and any problem stores nothing.
 */
export async function importUpload(
  db: Kysely<Tables>,
  userId: string | null,
  name: string,
  bytes: Uint8Array,
  input: unknown,
): Promise<UploadSummary> {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) {
    throw NautilusError.validation(
      'column mapping',
      parsed.error.issues.map((issue) => ({ path: ['mapping', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const mapping = parsed.data;
  const kind = mapping.close ? 'ohlcv' : 'series';
  const valueNames = kind === 'ohlcv' ? ['open', 'high', 'low', 'close', 'volume'] : (mapping.values as string[]);
  const valueColumns =
    kind === 'ohlcv' ? [mapping.open, mapping.high, mapping.low, mapping.close, mapping.volume] : (mapping.values as string[]);
  // Each file column once, even when mapped twice (the same column as open and close, say).
  const wanted = [
    ...new Set([
      mapping.time,
      ...(mapping.symbol ? [mapping.symbol] : []),
      ...valueColumns.filter((column): column is string => !!column),
    ]),
  ];
  const { format, values, rows } = await readColumns(bytes, wanted);
  const columnOf = (name: string) => values[wanted.indexOf(name)] as Cell[];
  if (rows === 0) throw NautilusError.validation('file', [{ path: 'file', message: 'has no rows under its header' }]);
  if (rows > MAX_UPLOAD_ROWS)
    throw NautilusError.validation('file', [{ path: 'file', message: `has ${rows} rows; at most ${MAX_UPLOAD_ROWS} are taken` }]);

  const issues: FieldIssue[] = [];
  let total = 0;
  const problem = (row: number, column: string, message: string) => {
    total++;
    if (issues.length < MAX_LISTED_ERRORS) issues.push({ path: `row ${row + (format === 'csv' ? 2 : 1)}.${column}`, message });
  };
  const times = columnOf(mapping.time);
  const symbols = mapping.symbol ? columnOf(mapping.symbol) : undefined;
  const numeric = valueColumns.map((column) => (column ? columnOf(column) : undefined));
  const time = new Float64Array(rows);
  const numbers = valueColumns.map(() => new Float64Array(rows));
  const symbolOf: string[] = new Array(rows);
  for (let row = 0; row < rows; row++) {
    const problemsBefore = total;
    const parsedTime = timeCell(times[row]);
    if (parsedTime === undefined) problem(row, mapping.time, `${describe(times[row])} is not a date or time`);
    else time[row] = parsedTime;
    const symbol = symbols ? symbols[row] : '';
    if (symbols && (typeof symbol !== 'string' || symbol.trim() === '' || symbol.length > 32))
      problem(row, mapping.symbol as string, 'needs a symbol of 1 to 32 characters');
    symbolOf[row] = typeof symbol === 'string' ? symbol.trim() : '';
    numeric.forEach((cells, index) => {
      const column = valueColumns[index];
      const target = numbers[index] as Float64Array;
      if (!cells || !column) {
        target[row] = kind === 'ohlcv' && index === 4 ? 0 : Number.NaN;
        return;
      }
      if (isEmpty(cells[row])) {
        if (kind === 'ohlcv' && index < 4) problem(row, column, 'is empty');
        target[row] = kind === 'ohlcv' ? 0 : Number.NaN;
        return;
      }
      const value = numberCell(cells[row]);
      if (value === undefined) problem(row, column, `${describe(cells[row])} is not a number`);
      else target[row] = value;
    });
    // Prices that did not read are already named; their consistency is not checked on top.
    if (kind === 'ohlcv' && total === problemsBefore) {
      const [open, high, low, close] = numbers.map((column) => column[row] as number) as [number, number, number, number];
      if (high < Math.max(open, close, low) || low > Math.min(open, close, high))
        problem(row, mapping.high as string, `high ${high} and low ${low} do not contain open ${open} and close ${close}`);
    }
  }
  // One row per symbol and time.
  const order = Array.from({ length: rows }, (_, row) => row).sort(
    (a, b) => (symbolOf[a] as string).localeCompare(symbolOf[b] as string) || (time[a] as number) - (time[b] as number),
  );
  for (let index = 1; index < order.length; index++) {
    const [a, b] = [order[index - 1] as number, order[index] as number];
    if (symbolOf[a] === symbolOf[b] && time[a] === time[b] && !Number.isNaN(time[a] as number))
      problem(
        b,
        mapping.time,
        `repeats the time of row ${a + (format === 'csv' ? 2 : 1)}${symbols ? ` for ${symbolOf[a]}` : ''}`,
      );
  }
  if (total > 0) throw new UploadRejected(issues, total);

  const id = randomUUID();
  const bySymbol = new Map<string, number[]>();
  for (const row of order) {
    const symbol = symbolOf[row] as string;
    const list = bySymbol.get(symbol) ?? [];
    if (list.length === 0) bySymbol.set(symbol, list);
    list.push(row);
  }
  const chunks: { upload_id: string; symbol: string; chunk_index: number; row_count: number; data: string }[] = [];
  for (const [symbol, rowsOfSymbol] of bySymbol) {
    for (let start = 0; start < rowsOfSymbol.length; start += CHUNK_ROWS) {
      const slice = rowsOfSymbol.slice(start, start + CHUNK_ROWS);
      const data = new Float64Array(slice.length * (1 + numbers.length));
      slice.forEach((row, at) => {
        data[at] = time[row] as number;
        numbers.forEach((column, index) => {
          data[(index + 1) * slice.length + at] = column[row] as number;
        });
      });
      chunks.push({
        upload_id: id,
        symbol,
        chunk_index: start / CHUNK_ROWS,
        row_count: slice.length,
        data: Buffer.from(data.buffer).toString('base64'),
      });
    }
  }
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const value of time) {
    if (value < first) first = value;
    if (value > last) last = value;
  }
  const createdAt = new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('uploads')
      .values({
        id,
        name,
        kind,
        format,
        columns: JSON.stringify(valueNames),
        symbols: JSON.stringify([...bySymbol.keys()]),
        row_count: rows,
        time_from: first,
        time_to: last,
        created_by: userId,
        created_at: createdAt,
      })
      .execute();
    for (let index = 0; index < chunks.length; index += 20)
      await trx
        .insertInto('upload_chunks')
        .values(chunks.slice(index, index + 20))
        .execute();
  });
  return {
    id,
    name,
    kind,
    format,
    columns: valueNames,
    symbols: [...bySymbol.keys()],
    rows,
    from: first,
    to: last,
    createdAt: createdAt.toISOString(),
  };
}

function describe(cell: Cell): string {
  if (cell === null || cell === undefined) return 'an empty cell';
  return JSON.stringify(String(cell).slice(0, 40));
}
