import { type FieldIssue, NautilusError } from '../errors.ts';
import type { ParamSpec, ParamSpecs } from './params.ts';

const PARAM_NAME = /^[A-Za-z_$][\w$]*$/;

/** What is wrong with `value` as a value of `spec`, or undefined when it fits. */
function valueIssue(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, got ${show(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      if (spec.min !== undefined && value < spec.min) return `must be >= ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `must be <= ${spec.max}, got ${value}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${show(value)}`;
    case 'string':
      if (typeof value !== 'string') return `must be a string, got ${show(value)}`;
      if (Array.isArray(spec.options) && spec.options.length > 0 && !spec.options.includes(value)) {
        return `must be one of ${spec.options.map((option) => `'${option}'`).join(', ')}, got '${value}'`;
      }
      return undefined;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

/**
 * Problems with a strategy's `params` declaration (unknown types, defaults outside min/max, empty
 * option lists), each naming its path, e.g. `params.fast.default`. Returns [] when it is sound.
 */
export function checkParamSpecs(specs: unknown): FieldIssue[] {
  if (specs === undefined) return [];
  if (typeof specs !== 'object' || specs === null || Array.isArray(specs)) {
    return [{ path: 'params', message: 'must be an object of parameter specs' }];
  }
  const issues: FieldIssue[] = [];
  for (const [name, raw] of Object.entries(specs)) {
    const path = `params.${name}`;
    if (!PARAM_NAME.test(name)) issues.push({ path, message: 'must be a valid identifier' });
    const spec = raw as Partial<ParamSpec> | null;
    if (typeof spec !== 'object' || spec === null) {
      issues.push({ path, message: 'must be an object with a type and a default' });
      continue;
    }
    if (!['number', 'integer', 'boolean', 'string'].includes(spec.type as string)) {
      issues.push({
        path: `${path}.type`,
        message: `must be 'number', 'integer', 'boolean' or 'string', got ${show(spec.type)}`,
      });
      continue;
    }
    if ((spec.type === 'number' || spec.type === 'integer') && spec.min !== undefined && spec.max !== undefined) {
      if (!(spec.min <= spec.max)) issues.push({ path: `${path}.min`, message: `must be <= max (${spec.max}), got ${spec.min}` });
    }
    if (spec.type === 'string' && spec.options !== undefined) {
      const ok = Array.isArray(spec.options) && spec.options.length > 0 && spec.options.every((o) => typeof o === 'string');
      if (!ok) issues.push({ path: `${path}.options`, message: 'must be a non-empty list of strings' });
    }
    const problem = valueIssue(spec as ParamSpec, spec.default);
    if (problem) issues.push({ path: `${path}.default`, message: problem });
  }
  return issues;
}

/**
 * The values a run uses: each declared parameter from `values` when given, else its default. Throws a
 * VALIDATION NautilusError naming every bad field (`params.fast: must be >= 1, got 0`) and every
 * name the strategy does not declare.
 * @example resolveParams({ fast: { type: 'integer', default: 10, min: 1 } }, { fast: 5 }) // { fast: 5 }
 */
export function resolveParams(
  specs: ParamSpecs,
  values: Record<string, unknown> = {},
): Record<string, number | boolean | string> {
  const issues: FieldIssue[] = [];
  const resolved: Record<string, number | boolean | string> = {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(specs, name)) issues.push({ path: `params.${name}`, message: 'is not declared by the strategy' });
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = Object.hasOwn(values, name) && values[name] !== undefined ? values[name] : spec.default;
    const problem = valueIssue(spec, value);
    if (problem) issues.push({ path: `params.${name}`, message: problem });
    else resolved[name] = value as number | boolean | string;
  }
  if (issues.length > 0) throw NautilusError.validation('strategy params', issues);
  return resolved;
}
