import { type FieldIssue, NautilusError } from '../errors.ts';
import { findIndicator } from './indicator-catalogue.ts';
import type { IndicatorDefinition, IndicatorParams } from './indicator-catalogue-types.ts';

/**
 * Checks `params` against the catalogue entry `id` and fills defaults. Issues name `path`.param; an
 * unknown id or param is an issue too (a typo must not silently fall back to a default).
 */
export function checkIndicatorParams(
  id: unknown,
  params: unknown,
  path = 'indicator',
): { definition?: IndicatorDefinition; params: IndicatorParams; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const definition = typeof id === 'string' ? findIndicator(id) : undefined;
  if (!definition) {
    issues.push({ path: `${path}.id`, message: `unknown indicator '${String(id)}'` });
    return { params: {}, issues };
  }
  const given = params === undefined ? {} : params;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    issues.push({ path: `${path}.params`, message: 'expected an object of numbers' });
    return { definition, params: {}, issues };
  }
  const filled: IndicatorParams = {};
  for (const param of definition.params) {
    const value = (given as Record<string, unknown>)[param.name] ?? param.default;
    const whole = param.type === 'integer' ? Number.isInteger(value) : Number.isFinite(value);
    if (typeof value !== 'number' || !whole || value < param.minimum || value > param.maximum) {
      issues.push({
        path: `${path}.params.${param.name}`,
        message: `expected ${param.type === 'integer' ? 'a whole number' : 'a number'} from ${param.minimum} to ${param.maximum}, got ${JSON.stringify(value)}`,
      });
      continue;
    }
    filled[param.name] = value;
  }
  for (const name of Object.keys(given)) {
    if (!definition.params.some((param) => param.name === name)) {
      issues.push({ path: `${path}.params.${name}`, message: `'${definition.id}' has no parameter '${name}'` });
    }
  }
  return { definition, params: filled, issues };
}

/** As checkIndicatorParams, but throws a VALIDATION NautilusError naming the fields. */
export function resolveIndicatorParams(
  id: string,
  params?: Record<string, unknown>,
): { definition: IndicatorDefinition; params: IndicatorParams } {
  const checked = checkIndicatorParams(id, params);
  if (checked.issues.length > 0 || !checked.definition) throw NautilusError.validation(`indicator '${id}'`, checked.issues);
  return { definition: checked.definition, params: checked.params };
}
