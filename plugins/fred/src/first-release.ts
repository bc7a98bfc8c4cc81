import type { DataQuery, Frame, PluginContext } from '@nautilus/sdk';
import { type FredSettings, fredGet, malformed } from './fred-request.ts';

const ENDPOINT = 'series/observations';
const DAY = 86_400_000;
/** How far before the range observations are asked for: a value published in the range may describe a period up to this much earlier. */
const LOOK_BACK = 800 * DAY;

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * A series on a publication-time axis, for factors that must not look ahead: each observation's first
 * release (ALFRED, output_type 4), placed at 00:00 UTC the day after its `realtime_start`. FRED gives
 * the release date but not the hour (most releases come at 8:30 or 10:00 ET), so the value is used from
 * the next UTC day, never on the release day itself. When one release publishes several periods, the
 * latest period is what that point shows. Later revisions are not in it: it is what was first known.
 */
export async function firstReleases(
  ctx: PluginContext,
  settings: FredSettings,
  query: DataQuery<{ seriesId: string; units?: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { seriesId, units = 'lin' } = query.params;
  const { from, to } = query.range;
  const body = await fredGet(
    ctx,
    settings,
    ENDPOINT,
    {
      series_id: seriesId,
      observation_start: isoDate(Math.max(from - LOOK_BACK, Date.UTC(1776, 6, 4))),
      observation_end: isoDate(Math.max(from, Math.min(to - 1, Date.UTC(9999, 11, 31)))),
      units,
      realtime_start: '1776-07-04',
      realtime_end: '9999-12-31',
      output_type: 4,
    },
    signal,
  );
  const points = parseReleases(body).filter(([available]) => available >= from && available < to);
  const time: number[] = [];
  const values: number[] = [];
  for (const [available, , value] of points.slice(-Math.max(1, query.maxPoints))) {
    time.push(available);
    values.push(value);
  }
  const name = `${seriesId}${units === 'lin' ? '' : ` (${units})`} first release, by publication`;
  return [{ kind: 'timeseries', series: [{ name, time, values }] }];
}

/** [usable from, period, value] of each first release, by usable time then period; one point per usable time (the latest period). */
export function parseReleases(body: Record<string, unknown>): [number, number, number][] {
  const observations = body.observations;
  if (!Array.isArray(observations)) throw malformed(ENDPOINT, 'observations', 'is not a list');
  const points: [number, number, number][] = [];
  for (const [index, observation] of observations.entries()) {
    const { date, value, realtime_start: released } = (observation ?? {}) as Record<string, unknown>;
    const period = dayOf(date);
    const published = dayOf(released);
    if (!Number.isFinite(period)) throw malformed(ENDPOINT, `observations[${index}].date`, 'is not a YYYY-MM-DD date');
    if (!Number.isFinite(published))
      throw malformed(ENDPOINT, `observations[${index}].realtime_start`, 'is not a YYYY-MM-DD date');
    if (value === '.') continue;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) throw malformed(ENDPOINT, `observations[${index}].value`, 'is not a number or "."');
    points.push([published + DAY, period, number]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const kept: [number, number, number][] = [];
  for (const point of points) {
    if (kept.at(-1)?.[0] === point[0]) kept[kept.length - 1] = point;
    else kept.push(point);
  }
  return kept;
}

function dayOf(text: unknown): number {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
}
