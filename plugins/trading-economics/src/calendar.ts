import type { DataQuery, Frame, PluginContext, TableColumn, TableFrame } from '@nautilus/sdk';
import { parseDisplayNumber } from './display-number.ts';
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

export interface CalendarParams {
  country?: string;
  importance?: 1 | 2 | 3;
}

/** Trading Economics answers at most this many calendar rows per call. */
export const CALENDAR_CAP = 1000;

export const CALENDAR_COLUMNS: TableColumn[] = [
  { name: 'time', type: 'time' },
  { name: 'country', type: 'string' },
  { name: 'category', type: 'string' },
  { name: 'event', type: 'string' },
  { name: 'importance', type: 'number' },
  { name: 'actual', type: 'string' },
  { name: 'previous', type: 'string' },
  { name: 'forecast', type: 'string' },
  { name: 'teForecast', type: 'string' },
  { name: 'revised', type: 'string' },
  { name: 'actualValue', type: 'number' },
  { name: 'forecastValue', type: 'number' },
  { name: 'previousValue', type: 'number' },
  { name: 'unit', type: 'string' },
  { name: 'ticker', type: 'string' },
  { name: 'id', type: 'string' },
];

/** One validated calendar row. */
export interface CalendarEntry {
  id: string;
  time: number;
  importance: number | null;
  cells: (string | number | null)[];
}

/**
 * Economic calendar events (releases and holidays) of the countries (default All) in the range, as
 * a table sorted by time. Answers that fill Trading Economics' 1,000-row cap are split in halves
 * until they do not; rows are de-duplicated by CalendarId. `importance` keeps events at least that
 * important. Beyond `maxPoints`, the latest events are kept.
 */
export async function queryCalendar(
  ctx: PluginContext,
  settings: TradingEconomicsSettings,
  query: DataQuery<CalendarParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const countries = countryList(query.params.country ?? 'All');
  const wire = countries.includes('All') ? ['All'] : countries;
  const credentials = credentialsFor(settings, wire, 'calendar');
  const { first, last } = rangeDays(query.range);
  const fetchDays = async (from: number, to: number) => {
    const path = `calendar/country/${listSegment(wire)}/${isoDay(from)}/${isoDay(to)}`;
    return parseCalendar(
      decodeURIComponent(path),
      await tradingEconomicsGet(ctx, credentials, settings.baseUrl, path, {}, signal),
    );
  };
  const entries = await fetchSplit(fetchDays, first, last, CALENDAR_CAP, `calendar/country/${wire.join(',')}`, signal);
  const minimum = query.params.importance;
  const seen = new Set<string>();
  const kept = entries.filter((entry) => {
    if (seen.has(entry.id)) return false;
    seen.add(entry.id);
    if (minimum !== undefined && !(entry.importance !== null && entry.importance >= minimum)) return false;
    return entry.time >= query.range.from && entry.time < query.range.to;
  });
  kept.sort((a, b) => a.time - b.time);
  return [calendarTable(kept.slice(Math.max(0, kept.length - query.maxPoints)))];
}

export function calendarTable(entries: CalendarEntry[]): TableFrame {
  return { kind: 'table', columns: CALENDAR_COLUMNS, rows: entries.map((entry) => entry.cells) };
}

/** The rows of a calendar answer, each field checked and named when it is of the wrong kind. */
export function parseCalendar(endpoint: string, rows: unknown[]): CalendarEntry[] {
  return rows.map((row, index) => {
    const at = `[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw malformed(endpoint, at, 'is not an object');
    const record = row as Record<string, unknown>;
    const id = record.CalendarId;
    if (!(typeof id === 'string' && id !== '') && !(typeof id === 'number' && Number.isFinite(id))) {
      throw malformed(endpoint, `${at}.CalendarId`, 'is not an id');
    }
    const time = utcTime(record.Date);
    if (!Number.isFinite(time)) throw malformed(endpoint, `${at}.Date`, 'is not a date-time');
    const text = (field: string, required = false): string | null => {
      const value = record[field];
      if (value === null || value === undefined) {
        if (required) throw malformed(endpoint, `${at}.${field}`, 'is missing');
        return null;
      }
      if (typeof value !== 'string') throw malformed(endpoint, `${at}.${field}`, `is not a string (got ${typeof value})`);
      return value.trim() === '' && !required ? null : value;
    };
    const importance = record.Importance;
    if (importance !== null && importance !== undefined && !(typeof importance === 'number' && Number.isFinite(importance))) {
      throw malformed(endpoint, `${at}.Importance`, `is not a number (got ${JSON.stringify(importance)?.slice(0, 20)})`);
    }
    const [actual, previous, forecast] = [text('Actual'), text('Previous'), text('Forecast')];
    const [parsedActual, parsedForecast, parsedPrevious] = [actual, forecast, previous].map((display) =>
      display === null ? null : parseDisplayNumber(display),
    );
    const displayed = [parsedActual, parsedForecast, parsedPrevious].find((parsed) => parsed && (parsed.scale || parsed.unit));
    const unit = text('Unit') ?? (displayed ? `${displayed.scale}${displayed.unit}` : null);
    return {
      id: String(id),
      time,
      importance: typeof importance === 'number' ? importance : null,
      cells: [
        time,
        text('Country', true),
        text('Category', true),
        text('Event', true),
        typeof importance === 'number' ? importance : null,
        actual,
        previous,
        forecast,
        text('TEForecast'),
        text('Revised'),
        parsedActual?.value ?? null,
        parsedForecast?.value ?? null,
        parsedPrevious?.value ?? null,
        unit,
        text('Ticker'),
        String(id),
      ],
    };
  });
}
