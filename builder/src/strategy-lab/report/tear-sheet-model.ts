import type { TearSheetMetric as Metric } from './report-api.ts';

/**
 * Display rules for the tear sheet, kept apart from React: how each unit reads, the hover text of a
 * metric (its formula and conventions, as the server computed it), and the monthly heatmap grid.
 * The figures themselves are the server's (analytics.backtestTearSheet).
 */

const DAY_MS = 86_400_000;
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** A metric's value as the table shows it; a dash for an undefined figure. */
export function formatMetric(metric: Pick<Metric, 'value' | 'unit'>): string {
  const { value, unit } = metric;
  if (value === null) return '—';
  switch (unit) {
    case 'fraction':
      return `${(value * 100).toFixed(2)} %`;
    case 'ratio':
      return value.toFixed(2);
    case 'periods':
      return `${value.toLocaleString('en-US')} periods`;
    case 'ms':
      return `${(value / DAY_MS).toFixed(value < 10 * DAY_MS ? 1 : 0)} days`;
    case 'count':
      return value.toLocaleString('en-US');
    case 'currency':
      return money.format(value);
    case 'time':
      return new Date(value).toISOString().slice(0, 10);
  }
}

/** The hover text: formula, then conventions, then why the value is missing. */
export function metricHover(metric: Pick<Metric, 'formula' | 'conventions' | 'note' | 'value'>): string {
  const lines = [metric.formula, metric.conventions];
  if (metric.value === null) lines.push(metric.note ?? 'Undefined for this run (too few points, no variation or no losses).');
  return lines.join('\n');
}

/** Green for a gain, red for a loss, for figures where the sign is the story. */
export function metricTone(metric: Pick<Metric, 'id' | 'value'>): 'up' | 'down' | undefined {
  const signed = new Set([
    'totalReturn',
    'cagr',
    'sharpe',
    'sortino',
    'calmar',
    'alpha',
    'informationRatio',
    'averageWin',
    'averageLoss',
  ]);
  if (metric.value === null || metric.value === 0 || !signed.has(metric.id)) return undefined;
  return metric.value > 0 ? 'up' : 'down';
}

/** One year of the monthly heatmap: returns by month (null where the run has none) and the year's. */
export interface HeatmapRow {
  year: number;
  months: (number | null)[];
  total: number | null;
}

/** Years oldest first, twelve month cells each. */
export function monthlyHeatmap(
  monthly: readonly { year: number; month?: number; return: number }[],
  yearly: readonly { year: number; return: number }[],
): HeatmapRow[] {
  const rows = new Map<number, HeatmapRow>();
  const row = (year: number) => {
    const found = rows.get(year);
    if (found) return found;
    const created: HeatmapRow = { year, months: Array.from({ length: 12 }, () => null), total: null };
    rows.set(year, created);
    return created;
  };
  for (const entry of monthly) if (entry.month !== undefined) row(entry.year).months[entry.month - 1] = entry.return;
  for (const entry of yearly) row(entry.year).total = entry.return;
  return [...rows.values()].sort((a, b) => a.year - b.year);
}

/** A heatmap cell's background: green for gains, red for losses, stronger up to `scale` (the largest |return|). */
export function heatColor(value: number | null, scale: number): string | undefined {
  if (value === null || value === 0 || !(scale > 0)) return undefined;
  const strength = Math.min(1, Math.abs(value) / scale);
  const alpha = (0.12 + 0.58 * strength).toFixed(2);
  return value > 0 ? `rgba(38, 166, 154, ${alpha})` : `rgba(239, 83, 80, ${alpha})`;
}

/** One row of the side-by-side tear sheet: a metric, its hover text, and each run's value by run id. */
export interface ComparisonRow {
  key: string;
  label: string;
  hover: string;
  values: Record<string, string>;
}

/**
 * Runs' tear sheets side by side, rows in the first sheet's order; a run without a sheet (still
 * loading, or failed) shows a dash. The hover text is the first sheet's (conventions differ per run
 * only in P and the benchmark's dropped dates).
 */
export function tearSheetComparison(
  runIds: readonly string[],
  sheets: readonly ({ metrics: Metric[] } | undefined)[],
): ComparisonRow[] {
  const first = sheets.find((sheet) => sheet !== undefined);
  if (!first) return [];
  return first.metrics
    .filter((metric) => metric.unit !== 'time')
    .map((metric) => ({
      key: metric.id,
      label: metric.label,
      hover: metricHover({ ...metric, value: 0 }),
      values: Object.fromEntries(
        runIds.map((id, index) => {
          const found = sheets[index]?.metrics.find((entry) => entry.id === metric.id);
          return [id, found ? formatMetric(found) : '—'];
        }),
      ),
    }));
}
