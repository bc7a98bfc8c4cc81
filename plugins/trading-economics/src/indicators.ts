import type { DataQuery, Frame, PluginContext, TableColumn, TableFrame } from '@nautilus/sdk';
import {
  countryList,
  credentialsFor,
  listSegment,
  malformed,
  type TradingEconomicsSettings,
  tradingEconomicsGet,
  utcTime,
} from './te-request.ts';

export const INDICATOR_COLUMNS: TableColumn[] = [
  { name: 'category', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'latestValue', type: 'number' },
  { name: 'latestValueDate', type: 'time' },
  { name: 'previousValue', type: 'number' },
  { name: 'unit', type: 'string' },
  { name: 'frequency', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'historicalDataSymbol', type: 'string' },
];

/** Every indicator Trading Economics tracks for one country, with its latest and previous value, as a table. */
export async function queryIndicators(
  ctx: PluginContext,
  settings: TradingEconomicsSettings,
  query: DataQuery<{ country: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const countries = countryList(query.params.country);
  const credentials = credentialsFor(settings, countries, 'country');
  const path = `country/${listSegment(countries)}`;
  const rows = await tradingEconomicsGet(ctx, credentials, settings.baseUrl, path, {}, signal);
  const table = parseIndicators(decodeURIComponent(path), rows);
  return [{ ...table, rows: table.rows.slice(0, Math.max(0, query.maxPoints)) }];
}

/** The rows of a `/country/{country}` answer, each field checked and named when it is of the wrong kind. */
export function parseIndicators(endpoint: string, rows: unknown[]): TableFrame {
  const cells = rows.map((row, index) => {
    const at = `[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw malformed(endpoint, at, 'is not an object');
    const record = row as Record<string, unknown>;
    const text = (field: string): string | null => {
      const value = record[field];
      if (value === null || value === undefined) return null;
      if (typeof value !== 'string') throw malformed(endpoint, `${at}.${field}`, `is not a string (got ${typeof value})`);
      return value.trim() === '' ? null : value;
    };
    const number = (field: string): number | null => {
      const value = record[field];
      if (value === null || value === undefined) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw malformed(endpoint, `${at}.${field}`, `is not a number (got ${JSON.stringify(value)?.slice(0, 20)})`);
      }
      return value;
    };
    const category = text('Category');
    if (category === null) throw malformed(endpoint, `${at}.Category`, 'is missing');
    const date = text('LatestValueDate');
    const latestValueDate = date === null ? null : utcTime(date);
    if (Number.isNaN(latestValueDate)) throw malformed(endpoint, `${at}.LatestValueDate`, 'is not a date-time');
    return [
      category,
      text('Title'),
      number('LatestValue'),
      latestValueDate,
      number('PreviousValue'),
      text('Unit'),
      text('Frequency'),
      text('Source'),
      text('HistoricalDataSymbol'),
    ];
  });
  return { kind: 'table', columns: INDICATOR_COLUMNS, rows: cells };
}
