import type { DataQuery, Frame, PluginContext } from '@nautilus/sdk';
import { type FredSettings, fredGet, malformed } from './fred-request.ts';

export interface SeriesParams {
  seriesId: string;
  asOf?: string;
  units?: string;
}

const ENDPOINT = 'series/observations';
/** FRED's own cap on observations per request. */
const MAX_LIMIT = 100_000;

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * One series over the range as a time series: dates at 00:00 UTC, numbers parsed from FRED's strings,
 * missing observations (".") left out. When the range holds more than `maxPoints`, the most recent are
 * kept. With `asOf`, the vintage known on that date (realtime_start = realtime_end = asOf).
 */
export async function seriesObservations(
  ctx: PluginContext,
  settings: FredSettings,
  query: DataQuery<SeriesParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { seriesId, asOf, units = 'lin' } = query.params;
  const { from, to } = query.range;
  const body = await fredGet(
    ctx,
    settings,
    ENDPOINT,
    {
      series_id: seriesId,
      observation_start: isoDate(Math.max(from, Date.UTC(1776, 6, 4))),
      // The range's end is exclusive; FRED's is a date, inclusive.
      observation_end: isoDate(Math.max(from, Math.min(to - 1, Date.UTC(9999, 11, 31)))),
      units,
      sort_order: 'desc',
      limit: Math.max(1, Math.min(query.maxPoints, MAX_LIMIT)),
      realtime_start: asOf,
      realtime_end: asOf,
    },
    signal,
  );
  return [
    {
      kind: 'timeseries',
      series: [{ name: units === 'lin' ? seriesId : `${seriesId} (${units})`, ...parseObservations(body, from, to) }],
    },
  ];
}

/** The observations of a FRED answer, oldest first, inside [from, to); each malformed one named. */
export function parseObservations(
  body: Record<string, unknown>,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): { time: number[]; values: number[]; missing: number } {
  const observations = body.observations;
  if (!Array.isArray(observations)) throw malformed(ENDPOINT, 'observations', 'is not a list');
  const points: [number, number][] = [];
  let missing = 0;
  for (const [index, observation] of observations.entries()) {
    const { date, value } = (observation ?? {}) as { date?: unknown; value?: unknown };
    const time = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(time)) throw malformed(ENDPOINT, `observations[${index}].date`, 'is not a YYYY-MM-DD date');
    if (typeof value !== 'string') throw malformed(ENDPOINT, `observations[${index}].value`, 'is not a string');
    if (value === '.') {
      missing++;
      continue;
    }
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      throw malformed(
        ENDPOINT,
        `observations[${index}].value`,
        `is not a number or "." (got ${JSON.stringify(value.slice(0, 20))})`,
      );
    }
    if (time >= from && time < to) points.push([time, number]);
  }
  points.sort((a, b) => a[0] - b[0]);
  // One value per date (a vintage query answers one); a repeated date keeps the last.
  const time: number[] = [];
  const values: number[] = [];
  for (const [when, value] of points) {
    if (time.at(-1) === when) values[values.length - 1] = value;
    else {
      time.push(when);
      values.push(value);
    }
  }
  return { time, values, missing };
}
