import { NautilusError, type TableFrame, type TimeSeriesFrame } from '@nautilus/sdk';
import { parse } from 'csv-parse/sync';

/**
 * A time cell as epoch ms: ISO dates and date-times (UTC when no offset is given), `YYYY-MM` (the
 * month's first day) and `YYYY` (1 January). Undefined for anything else.
 */
export function parseTimeCell(cell: string): number | undefined {
  const value = cell.trim();
  let iso: string | undefined;
  if (/^\d{4}$/.test(value)) iso = `${value}-01-01T00:00:00Z`;
  else if (/^\d{4}-\d{2}$/.test(value)) iso = `${value}-01T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = `${value}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    iso = value.replace(' ', 'T');
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  }
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));

/** Parses CSV text (quotes, escaped quotes, CRLF, a BOM) into a header and rows of equal width; errors name the line. */
export function parseCsv(source: string, what: string): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(source, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
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
  if (!header || header.length === 0) {
    throw new NautilusError('DATA_SOURCE_ERROR', `${what} has no header row`, {
      details: { provider: 'ckan', endpoint: 'resource', field: 'header' },
    });
  }
  return { header: header.map((name) => name.trim()), rows };
}

/** A table with each column typed number when every non-empty cell is a finite number, else string. */
export function toTable(header: string[], rows: string[][]): TableFrame {
  const numeric = header.map((_, column) =>
    rows.every((row) => (row[column] ?? '').trim() === '' || isNumber(row[column] as string)),
  );
  return {
    kind: 'table',
    columns: header.map((name, column) => ({ name, type: numeric[column] ? 'number' : 'string' })),
    rows: rows.map((row) => row.map((cell, column) => (cell.trim() === '' ? null : numeric[column] ? Number(cell) : cell))),
  };
}

/**
 * One series per value column, time from `timeColumn`, only points in [from, to), sorted by time.
 * A time that does not parse, or the same time twice, is a DATA_SOURCE_ERROR naming the row (1 is
 * the header) and column; an empty value is left out of its series (never 0).
 */
export function toTimeSeries(
  header: string[],
  rows: string[][],
  timeColumn: string,
  valueColumns: string[] | undefined,
  range: { from: number; to: number },
  what: string,
): TimeSeriesFrame {
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
    const time = parseTimeCell(row[timeAt] ?? '');
    if (time === undefined) {
      throw new NautilusError(
        'DATA_SOURCE_ERROR',
        `${what}: row ${index + 2}, column "${timeColumn}": ${JSON.stringify((row[timeAt] ?? '').slice(0, 40))} is not a date or time (expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time)`,
        { details: { provider: 'ckan', endpoint: 'resource', field: `row ${index + 2}.${timeColumn}` } },
      );
    }
    if (time >= range.from && time < range.to) points.push({ time, row, line: index + 2 });
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
        if (!Number.isFinite(value)) {
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
      return series;
    }),
  };
}
