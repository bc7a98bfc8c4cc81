import { type FieldIssue, NautilusError, type ParamSpec, type ParamSpecs } from '@nautilus/sdk';

/** One param's values in a sweep: a list, or a numeric range stepped from min to max (inclusive). */
export interface SweepAxis {
  values?: (number | boolean | string)[] | undefined;
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
}

export type ParamPoint = Record<string, number | boolean | string>;

/** Most points one sweep (or one walk-forward fold's in-sample grid) may hold. */
export const MAX_SWEEP_POINTS = 2_000;
/** Most values one axis may expand to. */
const MAX_AXIS_VALUES = 500;

/**
 * Every value an axis takes, checked against the param's declaration. Numeric ranges default to the
 * declared min/max/step; booleans to [false, true]; strings with options to the options. Values are
 * rounded to 10 decimals so 0.1 steps give 0.3, not 0.30000000000000004, and every run builds the same list.
 */
export function axisValues(name: string, spec: ParamSpec, axis: SweepAxis, issues: FieldIssue[]): (number | boolean | string)[] {
  const path = `axes.${name}`;
  if (axis.values !== undefined) {
    if (axis.values.length === 0) issues.push({ path: `${path}.values`, message: 'must list at least one value' });
    return [...new Set(axis.values)];
  }
  if (spec.type === 'boolean') return [false, true];
  if (spec.type === 'string') {
    if (spec.options?.length) return [...spec.options];
    issues.push({ path: `${path}.values`, message: 'a free-text string param needs an explicit list of values' });
    return [];
  }
  const min = axis.min ?? spec.min;
  const max = axis.max ?? spec.max;
  const step = axis.step ?? spec.step ?? (spec.type === 'integer' ? 1 : undefined);
  if (min === undefined) issues.push({ path: `${path}.min`, message: 'is required (the param declares no min)' });
  if (max === undefined) issues.push({ path: `${path}.max`, message: 'is required (the param declares no max)' });
  if (step === undefined || !(step > 0)) issues.push({ path: `${path}.step`, message: `must be a positive number, got ${step}` });
  if (min === undefined || max === undefined || step === undefined || !(step > 0)) return [];
  if (!(min <= max)) {
    issues.push({ path: `${path}.min`, message: `must be <= max (${max}), got ${min}` });
    return [];
  }
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) {
    issues.push({ path: `${path}.step`, message: `gives ${count} values; at most ${MAX_AXIS_VALUES}, use a larger step` });
    return [];
  }
  return Array.from({ length: count }, (_, index) => Number((min + index * step).toFixed(10)));
}

/**
 * The full grid: the cartesian product of the axes, params without an axis at their default, in a
 * fixed order (axes sorted by name, the last one varying fastest) so the same request always gives
 * the same points. VALIDATION naming the axis when an axis is unknown or a value breaks the declaration.
 */
export function buildGrid(specs: ParamSpecs, axes: Record<string, SweepAxis>, limit = MAX_SWEEP_POINTS): ParamPoint[] {
  const issues: FieldIssue[] = [];
  const names = Object.keys(axes).sort();
  if (names.length === 0) issues.push({ path: 'axes', message: 'must vary at least one declared param' });
  const lists: (number | boolean | string)[][] = [];
  for (const name of names) {
    const spec = specs[name];
    if (!spec) {
      issues.push({
        path: `axes.${name}`,
        message: `is not a param of this strategy version (it declares ${Object.keys(specs).join(', ') || 'none'})`,
      });
      continue;
    }
    const values = axisValues(name, spec, axes[name]!, issues);
    for (const value of values) {
      const problem = valueIssue(spec, value);
      if (problem) issues.push({ path: `axes.${name}.values`, message: problem });
    }
    lists.push(values);
  }
  if (issues.length === 0) {
    const size = lists.reduce((product, list) => product * list.length, 1);
    if (size > limit)
      issues.push({
        path: 'axes',
        message: `give ${size} points; at most ${limit} (use random with a budget, or coarser steps)`,
      });
  }
  if (issues.length > 0) throw NautilusError.validation('sweep', issues);
  const defaults: ParamPoint = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default]));
  let points: ParamPoint[] = [{ ...defaults }];
  names.forEach((name, axis) => {
    points = points.flatMap((point) => lists[axis]!.map((value) => ({ ...point, [name]: value })));
  });
  return points;
}

/**
 * `budget` points drawn without replacement from the grid by a seeded generator (mulberry32), returned
 * in grid order: the same seed and request give the same points on any machine.
 */
export function sampleGrid(grid: ParamPoint[], budget: number, seed: number): ParamPoint[] {
  if (budget >= grid.length) return grid;
  const random = mulberry32(seed);
  const indices = grid.map((_, index) => index);
  for (let index = 0; index < budget; index++) {
    const pick = index + Math.floor(random() * (indices.length - index));
    [indices[index], indices[pick]] = [indices[pick]!, indices[index]!];
  }
  return indices
    .slice(0, budget)
    .sort((a, b) => a - b)
    .map((index) => grid[index]!);
}

/** A small, well-known 32-bit PRNG: deterministic across platforms, unlike Math.random. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function valueIssue(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be finite numbers, got ${JSON.stringify(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `must be whole numbers, got ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be >= ${spec.min} (declared min), got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be <= ${spec.max} (declared max), got ${value}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(value)}`;
    case 'string':
      if (typeof value !== 'string') return `must be strings, got ${JSON.stringify(value)}`;
      if (spec.options?.length && !spec.options.includes(value))
        return `must be one of ${spec.options.join(', ')}, got '${value}'`;
      return undefined;
  }
}
