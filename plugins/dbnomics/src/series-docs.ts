import type { TimeSeriesFrame } from '@nautilus/sdk';
import { malformed } from './dbnomics-request.ts';

/**
 * `series.docs` of a DBnomics answer as named series: each observation at 00:00 UTC of its
 * `period_start_day`, "NA" (DBnomics' missing value) left out, only times in [from, to).
 */
export function parseSeriesDocs(
  endpoint: string,
  body: Record<string, unknown>,
  from: number,
  to: number,
): TimeSeriesFrame['series'] {
  const series = body.series as { docs?: unknown } | undefined;
  const docs = series?.docs;
  if (!Array.isArray(docs)) throw malformed(endpoint, 'series.docs', 'is not a list');
  return docs.map((entry, index) => {
    const doc = (entry ?? {}) as Record<string, unknown>;
    const at = `series.docs[${index}]`;
    const { period_start_day: days, value: values } = doc;
    if (typeof doc.series_code !== 'string') throw malformed(endpoint, `${at}.series_code`, 'is not a string');
    if (!Array.isArray(days)) throw malformed(endpoint, `${at}.period_start_day`, 'is not a list (ask with observations=1)');
    if (!Array.isArray(values) || values.length !== days.length) {
      throw malformed(endpoint, `${at}.value`, `is not a list as long as period_start_day (${days.length})`);
    }
    const time: number[] = [];
    const kept: number[] = [];
    for (const [point, day] of days.entries()) {
      const when = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
      if (!Number.isFinite(when)) throw malformed(endpoint, `${at}.period_start_day[${point}]`, 'is not a YYYY-MM-DD date');
      const value = values[point];
      if (value === 'NA' || value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw malformed(
          endpoint,
          `${at}.value[${point}]`,
          `is not a number or "NA" (got ${JSON.stringify(value)?.slice(0, 20)})`,
        );
      }
      if (when >= from && when < to) {
        time.push(when);
        kept.push(value);
      }
    }
    const name = typeof doc.series_name === 'string' ? `${doc.series_code}: ${doc.series_name}` : doc.series_code;
    return { name, time, values: kept };
  });
}
