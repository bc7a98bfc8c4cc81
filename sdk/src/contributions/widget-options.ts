import type { JsonSchema } from '../json-schema.ts';

/**
 * A panel's options with every property of the widget's options schema present and valid. The builder
 * fills defaults already, but documents migrated from v0 or edited by hand may carry anything, and a
 * widget must still draw: a missing or ill-typed value, or a string not matching its pattern, falls back
 * to the schema default; numbers are clamped into range.
 */
export function resolveOptions<O>(schema: JsonSchema, raw: unknown): O {
  const input = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const resolved: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    resolved[name] = resolveValue(property, input[name]);
  }
  return resolved as O;
}

function resolveValue(property: JsonSchema, value: unknown): unknown {
  if (property.enum) return property.enum.includes(value as string) ? value : property.default;
  switch (property.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : property.default;
    case 'string':
      return typeof value === 'string' && (!property.pattern || new RegExp(property.pattern).test(value))
        ? value
        : property.default;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return property.default;
      const number = property.type === 'integer' ? Math.round(value) : value;
      return Math.min(
        property.maximum ?? Number.POSITIVE_INFINITY,
        Math.max(property.minimum ?? Number.NEGATIVE_INFINITY, number),
      );
    }
    default:
      return value ?? property.default;
  }
}
