import {
  checkDashboard,
  type DashboardDocument,
  dashboardSchema,
  type FieldIssue,
  isNautilusError,
  migrateDashboard,
  NautilusError,
} from '@nautilus/sdk';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { joinFieldPath, pointerToFieldPath } from './field-path.ts';
import { type DashboardTemplate, templateFileSchema } from './template.ts';

// verbose puts the offending value on each error, so issues can name it.
const ajv = new Ajv2020({ allErrors: true, verbose: true });
const validateFile = ajv.compile<{ template: DashboardTemplate['template']; dashboard: object }>(templateFileSchema);
const validateDashboard = ajv.compile<DashboardDocument>(dashboardSchema);

/**
 * Checks a parsed template file and returns it typed, with its dashboard migrated to the current
 * schema version. Throws a VALIDATION NautilusError listing every problem with paths like
 * `dashboard.panels[0].gridPos.w`.
 */
export function validateTemplate(json: unknown): DashboardTemplate {
  if (!validateFile(json)) throw NautilusError.validation('dashboard template', ajvIssues(validateFile.errors, ''));
  const dashboard = migrated(json.dashboard);
  if (!validateDashboard(dashboard)) {
    throw NautilusError.validation('dashboard template', ajvIssues(validateDashboard.errors, 'dashboard'));
  }
  const issues = [
    ...checkDashboard(dashboard).map((issue) => ({ ...issue, path: prefixed('dashboard', issue.path) })),
    ...checkInputs(json.template.inputs, dashboard),
  ];
  if (issues.length > 0) throw NautilusError.validation('dashboard template', issues);
  return { template: json.template, dashboard };
}

function migrated(dashboard: unknown): unknown {
  try {
    return migrateDashboard(dashboard).document;
  } catch (error) {
    if (!isNautilusError(error) || error.code !== 'VALIDATION') throw error;
    const issues = error.fields.map((issue) => ({ ...issue, path: prefixed('dashboard', issue.path) }));
    throw NautilusError.validation('dashboard template', issues);
  }
}

/** Each input must name a distinct variable of the dashboard, since it sets that variable's default. */
function checkInputs(inputs: DashboardTemplate['template']['inputs'], dashboard: DashboardDocument): FieldIssue[] {
  const variables = new Set(dashboard.variables.map((variable) => variable.name));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  inputs.forEach((input, index) => {
    const path = `template.inputs[${index}].name`;
    if (seen.has(input.name)) issues.push({ path, message: `duplicate input '${input.name}'` });
    seen.add(input.name);
    if (!variables.has(input.name)) issues.push({ path, message: `the dashboard has no variable '${input.name}'` });
  });
  return issues;
}

function ajvIssues(errors: ErrorObject[] | null | undefined, parent: string): FieldIssue[] {
  return (errors ?? []).map((error) => {
    const path = pointerToFieldPath(error.instancePath, parent);
    const params = error.params as Record<string, unknown>;
    // Ajv reports these on the parent object; naming the property itself reads better.
    if (error.keyword === 'required')
      return { path: joinFieldPath(path, String(params.missingProperty)), message: 'is required' };
    if (error.keyword === 'additionalProperties') {
      return { path: joinFieldPath(path, String(params.additionalProperty)), message: 'is not allowed here' };
    }
    const allowed =
      error.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : '';
    const got = error.data === null || typeof error.data !== 'object' ? `, got ${JSON.stringify(error.data)}` : '';
    return { path, message: `${error.message ?? 'is invalid'}${allowed}${got}` };
  });
}

function prefixed(parent: string, path: string): string {
  return path ? `${parent}.${path}` : parent;
}
