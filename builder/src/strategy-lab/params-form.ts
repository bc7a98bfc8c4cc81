import type { ParamSpec, ParamSpecs } from '@nautilus/sdk';

export type ParamValue = number | boolean | string;

/** One generated form field: which antd control draws it, and its limits. */
export type ParamField =
  | { name: string; label: string; help?: string; control: 'number'; min?: number; max?: number; step: number; integer: boolean }
  | { name: string; label: string; help?: string; control: 'switch' }
  | { name: string; label: string; help?: string; control: 'select'; options: string[] }
  | { name: string; label: string; help?: string; control: 'text' };

/** The form fields for a strategy's params spec, in declaration order. */
export function paramFields(specs: ParamSpecs): ParamField[] {
  return Object.entries(specs).map(([name, spec]) => fieldOf(name, spec));
}

function fieldOf(name: string, spec: ParamSpec): ParamField {
  const base = { name, label: spec.label ?? name, ...(spec.description ? { help: spec.description } : {}) };
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const integer = spec.type === 'integer';
      return {
        ...base,
        control: 'number',
        integer,
        step: spec.step ?? (integer ? 1 : 0.1),
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
      };
    }
    case 'boolean':
      return { ...base, control: 'switch' };
    case 'string':
      return spec.options ? { ...base, control: 'select', options: [...spec.options] } : { ...base, control: 'text' };
  }
}

/** Every param at its declared default. */
export function defaultParams(specs: ParamSpecs): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default]));
}

/**
 * The values to send with a run: the user's values for params the spec still declares (with a
 * matching type), defaults for the rest; values equal to the default are left out.
 */
export function paramsForRun(specs: ParamSpecs, values: Record<string, unknown>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if (!matchesType(spec, value) || value === spec.default) continue;
    out[name] = value;
  }
  return out;
}

function matchesType(spec: ParamSpec, value: unknown): value is ParamValue {
  switch (spec.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && (!spec.options || spec.options.includes(value));
  }
}

/** Keeps the user's values that still fit the spec (after a save changed it), defaults for the rest. */
export function mergeParams(specs: ParamSpecs, values: Record<string, unknown>): Record<string, ParamValue> {
  return { ...defaultParams(specs), ...paramsForRun(specs, values) };
}
