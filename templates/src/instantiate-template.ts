import { checkDashboard, type DashboardDocument, NautilusError } from '@nautilus/sdk';
import type { DashboardTemplate } from './template.ts';

/**
 * The dashboard a user gets from a validated template: each input's value (given, else its default)
 * becomes the default of the variable it names. The template itself is left untouched.
 * @example instantiateTemplate(await loadTemplate('market-overview'), { symbol: 'SIM:MSFT' }).dashboard
 */
export function instantiateTemplate(
  { template, dashboard }: DashboardTemplate,
  values: Readonly<Record<string, string>> = {},
): DashboardDocument {
  const inputNames = new Set(template.inputs.map((input) => input.name));
  const unknown = Object.keys(values).filter((name) => !inputNames.has(name));
  if (unknown.length > 0) {
    throw NautilusError.validation(
      `values for template '${template.id}'`,
      unknown.map((name) => ({
        path: name,
        message: `is not an input of this template (inputs: ${[...inputNames].join(', ')})`,
      })),
    );
  }
  const defaults = new Map(template.inputs.map((input) => [input.name, values[input.name] ?? input.default]));
  const document = structuredClone(dashboard);
  for (const variable of document.variables) variable.default = defaults.get(variable.name) ?? variable.default;
  // A value outside a custom variable's options is caught here, before it is stored.
  const issues = checkDashboard(document);
  if (issues.length > 0) throw NautilusError.validation(`values for template '${template.id}'`, issues);
  return document;
}
