import type { DataSourceInfo } from '../api/types.ts';
import type { TemplateInfo } from './useTemplates.ts';

export type TemplateInput = TemplateInfo['inputs'][number];

/** The data sources an input may be mapped to: those returning a frame kind it needs (any, when it names none). */
export function sourcesFor(input: TemplateInput, sources: readonly DataSourceInfo[]): { value: string; label: string }[] {
  if (input.type !== 'dataSource') return [];
  const fitting = sources.filter(
    (source) => input.frames.length === 0 || source.frames.some((frame) => (input.frames as string[]).includes(frame)),
  );
  const options = fitting.map((source) => ({ value: source.ref, label: `${source.name} (${source.ref})` }));
  // The template's own source stays pickable even when it is not installed: its panels then wait for it.
  if (!options.some((option) => option.value === input.default)) {
    options.unshift({ value: input.default, label: `${input.label} (${input.default}, not installed)` });
  }
  return options;
}

/** What to send as the mapping: only the values that differ from an input's default. */
export function changedMapping(
  inputs: readonly TemplateInput[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const input of inputs) {
    const value = values[input.name];
    if (typeof value === 'string' && value !== input.default) mapping[input.name] = value;
  }
  return mapping;
}

/** Each input's default, as initial form values. */
export function inputDefaults(inputs: readonly TemplateInput[]): Record<string, string> {
  return Object.fromEntries(inputs.map((input) => [input.name, input.default]));
}

/** The message of the issue on `mapping.<name>`, to show under that field. */
export function mappingIssue(errors: readonly { path: string; message: string }[], name: string): string | undefined {
  return errors.find((error) => error.path === `mapping.${name}`)?.message;
}
