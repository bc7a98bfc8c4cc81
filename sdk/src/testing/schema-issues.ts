import type { FieldIssue } from '../errors.ts';
import type { JsonSchema } from '../json-schema.ts';

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const child = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Where `value` breaks `schema`, one issue per problem with its field path, for the JSON Schema
 * keywords Nautilus schemas use (type, enum, const, properties, required, additionalProperties, items,
 * lengths, bounds, pattern, uniqueItems, anyOf, oneOf). The sdk has no dependencies, so this is a
 * small checker for authors' tests; keywords it does not know (`$ref`, `format`) are not checked, and
 * the host's full validator (Ajv) stays the judge.
 */
export function schemaIssues(schema: JsonSchema, value: unknown, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (at: string, message: string) => issues.push({ path: at, message });
  if (schema.type && !hasType(value, schema.type)) {
    fail(path, `must be ${/^[aeiou]/.test(schema.type) ? 'an' : 'a'} ${schema.type}`);
    return issues;
  }
  if (schema.enum && !schema.enum.includes(value as never))
    fail(path, `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}`);
  if (schema.const !== undefined && value !== schema.const) fail(path, `must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      fail(path, `must have at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      fail(path, `must have at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(path, `must match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(path, `must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(path, `must be <= ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(path, `must be > ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(path, `must be < ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(path, `must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(path, `must have at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length)
      fail(path, 'must not repeat an item');
    if (schema.items)
      for (const [index, item] of value.entries()) issues.push(...schemaIssues(schema.items, item, child(path, index)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!Object.hasOwn(object, name)) fail(child(path, name), 'is required');
    for (const [name, item] of Object.entries(object)) {
      const property = schema.properties?.[name];
      if (property) issues.push(...schemaIssues(property, item, child(path, name)));
      else if (schema.additionalProperties === false) fail(child(path, name), 'is not an allowed field');
      else if (typeof schema.additionalProperties === 'object')
        issues.push(...schemaIssues(schema.additionalProperties, item, child(path, name)));
    }
  }
  if (schema.anyOf && !schema.anyOf.some((option) => schemaIssues(option, value, path).length === 0))
    fail(path, 'must match one of the schemas in anyOf');
  if (schema.oneOf && schema.oneOf.filter((option) => schemaIssues(option, value, path).length === 0).length !== 1)
    fail(path, 'must match exactly one of the schemas in oneOf');
  return issues;
}
