import { NautilusError, parseTimeCell, type TableFrame, type TimeSeriesFrame } from '@nautilus/sdk';
import { parse } from 'csv-parse/sync';

/** A decimal number as written in a CSV file: `-1.5`, `.5`, `1e3`; not hex, not `Infinity`, not blank. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const isNumber = (cell: string) => NUMBER.test(cell.trim()) && Number.isFinite(Number(cell));

/** A CSV file's header and rows, each row with its number in the file (the line it ends on; the header is 1). */
export interface ParsedCsv {
  header: string[];
  rows: string[][];
  rowNumbers: number[];
}

/**
 * Parses CSV text (quoted fields with commas or line breaks, escaped quotes, CRLF or LF, a BOM) into
 * a header and rows of its width. Empty lines and rows of empty cells (a spreadsheet's trailing ",,,")
 * are skipped; a ragged row or an unclosed quote is a DATA_SOURCE_ERROR naming the line. Parsing
 * stops after `maxRows` + 1 rows: the caller refuses a file with more.
 */
export function parseCsv(source: string, what: string, maxRows = Number.POSITIVE_INFINITY): ParsedCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, {
      bom: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: false,
      // The header, maxRows rows and one more to tell that there are more: the rest is not parsed.
      ...(Number.isFinite(maxRows) ? { to: maxRows + 2 } : {}),
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `${what} is not valid CSV${line ? ` at line ${line}` : ''}: ${(error as Error).message.slice(0, 200)}`,
      {
        details: { provider: 'ckan', endpoint: 'resource', field: line ? `line ${line}` : 'body' },
      },
    );
  }
  const [header, ...rows] = records;
  if (!header || header.record.length === 0) {
    throw new NautilusError('DATA_SOURCE_ERROR', `${what} has no header row`, {
      details: { provider: 'ckan', endpoint: 'resource', field: 'header' },
    });
  }
  return {
    header: header.record.map((name) => name.trim()),
    rows: rows.map((row) => row.record),
    rowNumbers: rows.map((row) => row.info.lines),
  };
}

/** A table with each column typed number when every non-empty cell is a finite number, else string. */
export function toTable({ header, rows }: Pick<ParsedCsv, 'header' | 'rows'>): TableFrame {
  const numeric = header.map((_, column) =>
    rows.every((row) => (row[column] ?? '').trim() === '' || isNumber(row[column] as string)),
  );
  return {
    kind: 'table',
    columns: header.map((name, column) => ({ name, type: numeric[column] ? 'number' : 'string' })),
    rows: rows.map((row) => row.map((cell, column) => (cell.trim() === '' ? null : numeric[column] ? Number(cell) : cell))),
  };
}

export interface SeriesOptions {
  timeColumn: string;
  /** The columns to chart; every numeric column but the time when unset. */
  valueColumns?: string[] | undefined;
  range: { from: number; to: number };
  maxPoints?: number;
}

/**
 * One series per value column, time from `timeColumn`, only points in [from, to), sorted by time,
 * the most recent `maxPoints` of each. A time that does not parse, or the same time twice, is a
 * DATA_SOURCE_ERROR naming the row (its number in the file) and column; an empty value is left out of
 * its series (never 0).
 */
export function toTimeSeries(csv: ParsedCsv, options: SeriesOptions, what: string): TimeSeriesFrame {
  const { header, rows, rowNumbers } = csv;
  const { timeColumn, valueColumns, range, maxPoints = Number.POSITIVE_INFINITY } = options;
  const fail = (field: string, message: string) =>
    new NautilusError('VALIDATION', `${what}: ${message}`, { fields: [{ path: field, message }] });
  const timeAt = header.indexOf(timeColumn);
  if (timeAt < 0) throw fail('params.timeColumn', `no column "${timeColumn}" (columns: ${header.join(', ').slice(0, 300)})`);
  const wanted =
    valueColumns ??
    header.filter(
      (_name, column) =>
        column !== timeAt && rows.every((row) => (row[column] ?? '').trim() === '' || isNumber(row[column] as string)),
    );
  const valueAt = wanted.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw fail('params.valueColumns', `no column "${name}" (columns: ${header.join(', ').slice(0, 300)})`);
    return at;
  });
  if (valueAt.length === 0) throw fail('params.valueColumns', 'no numeric column to chart; name one in valueColumns');
  const points: { time: number; row: string[]; line: number }[] = [];
  rows.forEach((row, index) => {
    const line = rowNumbers[index] ?? index + 2;
    const time = parseTimeCell(row[timeAt] ?? '');
    if (time === undefined) {
      throw new NautilusError(
        'DATA_SOURCE_ERROR',
        `${what}: row ${line}, column "${timeColumn}": ${JSON.stringify((row[timeAt] ?? '').slice(0, 40))} is not a date or time (expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time)`,
        { details: { provider: 'ckan', endpoint: 'resource', field: `row ${line}.${timeColumn}` } },
      );
    }
    if (time >= range.from && time < range.to) points.push({ time, row, line });
  });
  points.sort((a, b) => a.time - b.time);
  for (let index = 1; index < points.length; index++) {
    const [before, point] = [points[index - 1], points[index]] as [(typeof points)[number], (typeof points)[number]];
    if (before.time === point.time) {
      throw new NautilusError(
        'DATA_SOURCE_ERROR',
        `${what}: rows ${before.line} and ${point.line} have the same time ${new Date(point.time).toISOString()}; pick a time column that is unique`,
        { details: { provider: 'ckan', endpoint: 'resource', field: timeColumn } },
      );
    }
  }
  return {
    kind: 'timeseries',
    series: wanted.map((name, index) => {
      const column = valueAt[index] as number;
      const series = { name, time: [] as number[], values: [] as number[] };
      for (const { time, row, line } of points) {
        const cell = (row[column] ?? '').trim();
        if (cell === '') continue;
        const value = Number(cell);
        if (!isNumber(cell)) {
          throw new NautilusError(
            'DATA_SOURCE_ERROR',
            `${what}: row ${line}, column "${name}": ${JSON.stringify(cell.slice(0, 40))} is not a number`,
            {
              details: { provider: 'ckan', endpoint: 'resource', field: `row ${line}.${name}` },
            },
          );
        }
        series.time.push(time);
        series.values.push(value);
      }
      // The most recent maxPoints points when there are more.
      const drop = Math.max(0, series.time.length - maxPoints);
      return drop === 0 ? series : { name, time: series.time.slice(drop), values: series.values.slice(drop) };
    }),
  };
}
