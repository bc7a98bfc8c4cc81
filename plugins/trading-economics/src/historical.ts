import type { DataQuery, Frame, PluginContext, TimeSeriesFrame } from '@nautilus/sdk';
import {
  countryList,
  credentialsFor,
  fetchSplit,
  isoDay,
  listSegment,
  malformed,
  rangeDays,
  type TradingEconomicsSettings,
  tradingEconomicsGet,
  utcTime,
} from './te-request.ts';

export interface HistoricalParams {
  country: string;
  indicator: string;
}

/** Trading Economics answers at most this many historical rows per call. */
export const HISTORICAL_CAP = 10_000;

/** One validated historical row; `value` null when Trading Economics has none for the date. */
export interface HistoricalPoint {
  name: string;
  time: number;
  value: number | null;
}

/**
 * One indicator of one country over the range as a time series named "{Country} {Category}", each
 * value at its DateTime (UTC); rows without a value are left out. Answers that fill the
 * 10,000-row cap are split in halves until they do not. Beyond `maxPoints`, the most recent are kept.
 */
export async function queryHistorical(
  ctx: PluginContext,
  settings: TradingEconomicsSettings,
  query: DataQuery<HistoricalParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const countries = countryList(query.params.country);
  const indicator = query.params.indicator.trim().replace(/\s+/g, ' ').toLowerCase();
  const credentials = credentialsFor(settings, countries, 'historical');
  const { first, last } = rangeDays(query.range);
  const base = `historical/country/${listSegment(countries)}/indicator/${listSegment([indicator])}`;
  const fetchDays = async (from: number, to: number) => {
    const path = `${base}/${isoDay(from)}/${isoDay(to)}`;
    return parseHistorical(
      decodeURIComponent(path),
      await tradingEconomicsGet(ctx, credentials, settings.baseUrl, path, {}, signal),
    );
  };
  const points = await fetchSplit(fetchDays, first, last, HISTORICAL_CAP, decodeURIComponent(base), signal);
  const series = historicalSeries(points, query.range, query.maxPoints);
  if (series.length === 0)
    series.push({ name: `${query.params.country.trim()} ${query.params.indicator.trim()}`, time: [], values: [] });
  return [{ kind: 'timeseries', series }];
}

/** Points grouped into series by name: oldest first, one value per time (a repeated time keeps the last), within [from, to). */
export function historicalSeries(
  points: HistoricalPoint[],
  range: { from: number; to: number },
  maxPoints: number,
): TimeSeriesFrame['series'] {
  const byName = new Map<string, Map<number, number>>();
  for (const point of points) {
    if (point.value === null || point.time < range.from || point.time >= range.to) continue;
    const values = byName.get(point.name) ?? new Map<number, number>();
    byName.set(point.name, values);
    values.set(point.time, point.value);
  }
  return [...byName].map(([name, values]) => {
    const sorted = [...values].sort((a, b) => a[0] - b[0]).slice(-Math.max(1, maxPoints));
    return { name, time: sorted.map((point) => point[0]), values: sorted.map((point) => point[1]) };
  });
}

/** The rows of a historical answer, each field checked and named when it is missing or of the wrong kind. */
export function parseHistorical(endpoint: string, rows: unknown[]): HistoricalPoint[] {
  return rows.map((row, index) => {
    const at = `[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw malformed(endpoint, at, 'is not an object');
    const record = row as Record<string, unknown>;
    for (const field of ['Country', 'Category']) {
      if (typeof record[field] !== 'string' || record[field] === '') throw malformed(endpoint, `${at}.${field}`, 'is not a name');
    }
    for (const field of ['Frequency', 'HistoricalDataSymbol', 'LastUpdate']) {
      const value = record[field];
      if (value !== null && value !== undefined && typeof value !== 'string') {
        throw malformed(endpoint, `${at}.${field}`, `is not a string (got ${typeof value})`);
      }
    }
    const time = utcTime(record.DateTime);
    if (!Number.isFinite(time)) throw malformed(endpoint, `${at}.DateTime`, 'is not a date-time');
    const value = record.Value;
    if (value !== null && value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
      throw malformed(endpoint, `${at}.Value`, `is not a number (got ${JSON.stringify(value)?.slice(0, 20)})`);
    }
    return { name: `${record.Country} ${record.Category}`, time, value: typeof value === 'number' ? value : null };
  });
}
