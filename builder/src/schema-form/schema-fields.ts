import type { JsonSchema } from '@nautilus/sdk';

type Scalar = string | number | boolean | null;

interface FieldBase {
  name: string;
  label: string;
  description?: string;
  required: boolean;
  default?: unknown;
}

/** One form control, decided from a property's JSON Schema and its `x-widget` hint. */
export type FieldDescriptor =
  | (FieldBase & { kind: 'select'; options: Scalar[] })
  /** An instrument symbol: a searchable list that also offers `$variable` references. */
  | (FieldBase & { kind: 'instrument'; options: string[] })
  /** A backtest run or deployment id (`x-widget: 'strategy-run'`), picked from recent ones by the sibling `kind`. */
  | (FieldBase & { kind: 'strategy-run' })
  /** An uploaded file (`x-widget: 'upload'`), picked from the Files page's list. */
  | (FieldBase & { kind: 'upload' })
  /** A short list of choices shown side by side (timeframes). */
  | (FieldBase & { kind: 'segmented'; options: Scalar[] })
  | (FieldBase & { kind: 'text'; maxLength?: number })
  | (FieldBase & { kind: 'markdown'; maxLength?: number })
  | (FieldBase & { kind: 'color' })
  | (FieldBase & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: 'switch' })
  /** Arrays, objects and the like: shown as JSON text. */
  | (FieldBase & { kind: 'json' });

export type FieldKind = FieldDescriptor['kind'];

/** `smaPeriod` → `Sma period`: a readable label when the schema gives no title. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeOf(schema: JsonSchema): JsonSchema['type'] {
  if (schema.type) return schema.type;
  const sample = schema.enum?.[0] ?? schema.const ?? schema.default;
  if (typeof sample === 'string') return 'string';
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  return undefined;
}

/** The control for one property. */
export function fieldFor(name: string, schema: JsonSchema, required: boolean): FieldDescriptor {
  const base: FieldBase = { name, label: schema.title ?? humanize(name), required };
  if (schema.description) base.description = schema.description;
  if (schema.default !== undefined) base.default = schema.default;
  const hint = schema['x-widget'];
  const options = schema.enum ? [...schema.enum] : undefined;

  if (hint === 'strategy-run') return { ...base, kind: 'strategy-run' };
  if (hint === 'upload') return { ...base, kind: 'upload' };
  if (hint === 'instrument') return { ...base, kind: 'instrument', options: (options ?? []).map(String) };
  if (options && hint === 'timeframe') return { ...base, kind: 'segmented', options };
  if (options) return { ...base, kind: 'select', options };
  const type = typeOf(schema);
  if (hint === 'color') return { ...base, kind: 'color' };
  if (hint === 'markdown' || hint === 'textarea') {
    return schema.maxLength === undefined
      ? { ...base, kind: 'markdown' }
      : { ...base, kind: 'markdown', maxLength: schema.maxLength };
  }
  switch (type) {
    case 'string':
      return schema.maxLength === undefined ? { ...base, kind: 'text' } : { ...base, kind: 'text', maxLength: schema.maxLength };
    case 'number':
    case 'integer': {
      const field: FieldDescriptor = { ...base, kind: 'number', integer: type === 'integer' };
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum);
      const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? undefined : schema.exclusiveMaximum);
      if (min !== undefined) field.min = min;
      if (max !== undefined) field.max = max;
      return field;
    }
    case 'boolean':
      return { ...base, kind: 'switch' };
    default:
      return { ...base, kind: 'json' };
  }
}

/**
 * The form for an object schema: one field per property, in the schema's order.
 * @example schemaFields({ type: 'object', properties: { volume: { type: 'boolean' } } }) // [{ name: 'volume', kind: 'switch', … }]
 */
export function schemaFields(schema: JsonSchema | undefined): FieldDescriptor[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => fieldFor(name, property, required.has(name)));
}

/**
 * The values a new object starts with: each property's default; for a required choice without one,
 * the first choice (so a new panel's query is complete and draws at once).
 */
export function defaultValues(schema: JsonSchema | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const required = new Set(schema?.required ?? []);
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (property.default !== undefined) values[name] = structuredClone(property.default);
    else if (required.has(name) && property.enum && property.enum.length > 0) values[name] = property.enum[0];
  }
  return values;
}

/** `values` with the schema's defaults filled in where a property is missing. */
export function withDefaults(schema: JsonSchema | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (values[name] === undefined && property.default !== undefined) filled[name] = property.default;
  }
  return { ...filled, ...values };
}
