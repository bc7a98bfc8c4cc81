import { type DataQuery, type Frame, NautilusError, type PluginContext } from '@nautilus/sdk';
import { type AlphaVantageSettings, alphaVantageGet, malformed } from './av-request.ts';

/** Alpha Vantage's US economic indicators, and the intervals each offers (the first is its default). */
export const INDICATORS: Record<string, readonly string[]> = {
  REAL_GDP: ['quarterly', 'annual'],
  REAL_GDP_PER_CAPITA: ['quarterly'],
  TREASURY_YIELD: ['monthly', 'weekly', 'daily'],
  FEDERAL_FUNDS_RATE: ['monthly', 'weekly', 'daily'],
  CPI: ['monthly', 'semiannual'],
  INFLATION: ['annual'],
  RETAIL_SALES: ['monthly'],
  DURABLES: ['monthly'],
  UNEMPLOYMENT: ['monthly'],
  NONFARM_PAYROLL: ['monthly'],
};

/**
 * One indicator as a time series: `{name, interval, unit, data: [{date, value}]}`, newest first and
 * values as strings, "." where a value is missing (left out, never 0). TREASURY_YIELD also takes a
 * `maturity` (3month … 30year).
 */
export async function queryEconomic(
  ctx: PluginContext,
  settings: AlphaVantageSettings,
  query: DataQuery<{ indicator: string; interval?: string; maturity?: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { indicator, maturity } = query.params;
  const intervals = INDICATORS[indicator] ?? [];
  const interval = query.params.interval ?? intervals[0];
  if (interval === undefined || !intervals.includes(interval)) {
    throw new NautilusError(
      'VALIDATION',
      `Alpha Vantage offers ${indicator} ${intervals.join(', ') || 'at no interval'}, not ${interval}`,
      {
        fields: [{ path: 'params.interval', message: `one of ${intervals.join(', ')}` }],
      },
    );
  }
  const params: Record<string, string> = { interval };
  if (indicator === 'TREASURY_YIELD' && maturity) params.maturity = maturity;
  const body = await alphaVantageGet(ctx, settings, indicator, params, signal);
  if (!Array.isArray(body.data)) throw malformed(indicator, 'data', 'is not a list');
  const points: [number, number][] = [];
  body.data.forEach((entry, index) => {
    const row = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const date =
      typeof row.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.date) ? Date.parse(`${row.date}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(date)) throw malformed(indicator, `data[${index}].date`, 'is not a YYYY-MM-DD date');
    if (row.value === '.') return;
    const value = typeof row.value === 'string' && row.value.trim() !== '' ? Number(row.value) : Number.NaN;
    if (!Number.isFinite(value))
      throw malformed(indicator, `data[${index}].value`, `is not a number (got ${JSON.stringify(row.value)?.slice(0, 20)})`);
    if (date >= query.range.from && date < query.range.to) points.push([date, value]);
  });
  points.sort((a, b) => a[0] - b[0]);
  const kept = points.slice(Math.max(0, points.length - query.maxPoints));
  const name = typeof body.name === 'string' ? body.name : indicator;
  const unit = typeof body.unit === 'string' ? body.unit : undefined;
  return [
    {
      kind: 'timeseries',
      series: [{ name, ...(unit ? { unit } : {}), time: kept.map(([time]) => time), values: kept.map(([, value]) => value) }],
    },
  ];
}
