import type { DataQuery, Frame, PluginContext, TableColumn, TableFrame } from '@nautilus/sdk';
import { type FredSettings, fredGet, malformed } from './fred-request.ts';

const COLUMNS: TableColumn[] = [
  { name: 'id', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'frequency', type: 'string' },
  { name: 'units', type: 'string' },
  { name: 'seasonal adjustment', type: 'string' },
  { name: 'first observation', type: 'time' },
  { name: 'last observation', type: 'time' },
  { name: 'last updated', type: 'string' },
  { name: 'popularity', type: 'number' },
];

/** FRED's dates ("YYYY-MM-DD") as epoch ms at 00:00 UTC; null when absent. */
function dateCell(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return Date.parse(`${value}T00:00:00Z`);
}
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `seriess` of a FRED answer as table rows; a series without an id or title is named as malformed. */
export function seriesTable(endpoint: string, body: Record<string, unknown>, withNotes = false): TableFrame {
  const list = body.seriess;
  if (!Array.isArray(list)) throw malformed(endpoint, 'seriess', 'is not a list');
  const rows = list.map((entry, index) => {
    const series = (entry ?? {}) as Record<string, unknown>;
    if (typeof series.id !== 'string') throw malformed(endpoint, `seriess[${index}].id`, 'is not a string');
    if (typeof series.title !== 'string') throw malformed(endpoint, `seriess[${index}].title`, 'is not a string');
    const row: (string | number | null)[] = [
      series.id,
      series.title,
      text(series.frequency),
      text(series.units),
      text(series.seasonal_adjustment),
      dateCell(series.observation_start),
      dateCell(series.observation_end),
      text(series.last_updated),
      typeof series.popularity === 'number' ? series.popularity : null,
    ];
    if (withNotes) row.push(text(series.notes));
    return row;
  });
  return {
    kind: 'table',
    columns: withNotes ? [...COLUMNS, { name: 'notes', type: 'string' }] : COLUMNS,
    rows,
  };
}

/** Series matching `text`, most relevant first. */
export async function searchSeries(
  ctx: PluginContext,
  settings: FredSettings,
  query: DataQuery<{ text: string; limit?: number }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const limit = Math.min(query.params.limit ?? 50, query.maxPoints, 1000);
  const body = await fredGet(ctx, settings, 'series/search', { search_text: query.params.text, limit }, signal);
  return [seriesTable('series/search', body)];
}

/** One series' details, notes included. */
export async function seriesInfo(
  ctx: PluginContext,
  settings: FredSettings,
  query: DataQuery<{ seriesId: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const body = await fredGet(ctx, settings, 'series', { series_id: query.params.seriesId }, signal);
  return [seriesTable('series', body, true)];
}

/** The dates on which a series' values were published or revised (its ALFRED vintages), oldest first. */
export async function seriesVintages(
  ctx: PluginContext,
  settings: FredSettings,
  query: DataQuery<{ seriesId: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const endpoint = 'series/vintagedates';
  const body = await fredGet(ctx, settings, endpoint, { series_id: query.params.seriesId, limit: 10_000 }, signal);
  const dates = body.vintage_dates;
  if (!Array.isArray(dates)) throw malformed(endpoint, 'vintage_dates', 'is not a list');
  const rows = dates.map((date, index) => {
    const time = dateCell(date);
    if (time === null) throw malformed(endpoint, `vintage_dates[${index}]`, 'is not a YYYY-MM-DD date');
    return [time];
  });
  return [{ kind: 'table', columns: [{ name: 'vintage date', type: 'time' }], rows: rows.slice(-query.maxPoints) }];
}
