import type { JsonSchema } from './procedure-catalog.ts';

/** Whether a value sent as text may stay text: the schema takes a string (or anything). */
export function takesString(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const { type, anyOf, oneOf, enum: values, const: constant } = schema as JsonSchema;
  if (Array.isArray(anyOf) && anyOf.some(takesString)) return true;
  if (Array.isArray(oneOf) && oneOf.some(takesString)) return true;
  if (Array.isArray(values)) return values.some((value) => typeof value === 'string');
  if (constant !== undefined) return typeof constant === 'string';
  if (type === undefined) return !Array.isArray(anyOf) && !Array.isArray(oneOf);
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

/** A parameter whose schema takes no string is JSON text (a number, `true`, an object, an array); else it stays text. */
function parameterValue(text: string, schema: unknown): unknown {
  if (takesString(schema)) return text;
  try {
    return JSON.parse(text);
  } catch {
    // Left as text, the input schema refuses it naming the parameter.
    return text;
  }
}

/** Whether a procedure's input is an object, so it has parameters and an empty input is `{}`. */
export function isObjectInput(schema: JsonSchema | undefined): boolean {
  return schema?.type === 'object';
}

/**
 * The input of a GET call from its query string: one parameter per top-level input property,
 * strings as sent, numbers and booleans and objects and arrays as JSON text (the input schema
 * then checks them). A procedure without an object input takes no parameters.
 * @example queryInput(new URLSearchParams('limit=5&search=desk'), schema) // { limit: 5, search: 'desk' }
 */
export function queryInput(params: URLSearchParams, schema: JsonSchema | undefined): unknown {
  if (!isObjectInput(schema)) return undefined;
  const properties = (schema?.properties ?? {}) as Record<string, unknown>;
  // fromEntries makes own properties, so a parameter named __proto__ is a plain (refused or ignored) key.
  return Object.fromEntries(
    [...new Set(params.keys())].map((name) => [
      name,
      parameterValue(params.get(name) as string, Object.hasOwn(properties, name) ? properties[name] : undefined),
    ]),
  );
}
