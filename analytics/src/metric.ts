/** How a metric's value reads: a fraction shows as a percentage, a ratio as a plain number. */
export type MetricUnit = 'fraction' | 'ratio' | 'periods' | 'ms' | 'count' | 'currency' | 'time';

/**
 * One figure of a tear sheet with what the UI needs to explain it on hover: the formula and the
 * conventions it was computed with (periods per year, risk-free rate, sample or population, …).
 * `value` is null where the figure is undefined (too few points, no variation, no losses) and
 * `note` then says why.
 */
export interface Metric {
  readonly id: string;
  /** Which table section it belongs to. */
  readonly group: MetricGroup;
  readonly label: string;
  readonly value: number | null;
  readonly unit: MetricUnit;
  readonly formula: string;
  readonly conventions: string;
  readonly note?: string;
}

/** Sections of a tear sheet, in display order. */
export const METRIC_GROUPS = ['returns', 'risk', 'ratios', 'drawdown', 'distribution', 'trades', 'benchmark'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** Builds a Metric; a non-finite value becomes null. */
export function metric(
  group: MetricGroup,
  id: string,
  label: string,
  value: number | null,
  unit: MetricUnit,
  formula: string,
  conventions: string,
  note?: string,
): Metric {
  const finite = value !== null && Number.isFinite(value) ? value : null;
  const built = { id, group, label, value: finite, unit, formula, conventions };
  return note === undefined ? built : { ...built, note };
}
