import {
  checkDashboard,
  type DashboardDocument,
  dashboardSchema,
  type FieldIssue,
  isNautilusError,
  migrateDashboard,
  NautilusError,
} from '@nautilus/sdk';
import { ajv, ajvIssues, prefixed } from './ajv-issues.ts';
import { migrateTemplate } from './migrate-template.ts';
import { pluginsUsed } from './plugins-used.ts';
import { type DashboardTemplate, templateSchema } from './template.ts';

const validateFile = ajv.compile<Omit<DashboardTemplate, 'dashboard'> & { dashboard: object }>(templateSchema);
const validateDashboard = ajv.compile<DashboardDocument>(dashboardSchema);

/** What checking a template file found: the template in the current format, or every problem by field. */
export type TemplateCheck =
  | { ok: true; template: DashboardTemplate; migratedFrom: number; issues: [] }
  | { ok: false; template: null; migratedFrom: number | null; issues: FieldIssue[] };

/**
 * Checks a parsed template file of any known format and returns it migrated to the current one, or the
 * problems with paths like `dashboard.panels[0].gridPos.w` and `inputs[2].default`. Never throws for
 * a bad file, whatever it holds.
 */
export function checkTemplate(json: unknown): TemplateCheck {
  let migrated: ReturnType<typeof migrateTemplate>;
  try {
    migrated = migrateTemplate(json);
  } catch (error) {
    if (isNautilusError(error) && error.code === 'VALIDATION') return failed(null, error.fields);
    throw error;
  }
  const file = migrated.document;
  if (!validateFile(file)) return failed(migrated.from, ajvIssues(validateFile.errors, ''));
  let dashboard: unknown;
  try {
    dashboard = migrateDashboard(file.dashboard).document;
  } catch (error) {
    if (!isNautilusError(error) || error.code !== 'VALIDATION') throw error;
    return failed(
      migrated.from,
      error.fields.map((issue) => ({ ...issue, path: prefixed('dashboard', issue.path) })),
    );
  }
  if (!validateDashboard(dashboard)) return failed(migrated.from, ajvIssues(validateDashboard.errors, 'dashboard'));
  const template = { ...file, dashboard } as DashboardTemplate;
  const issues = [
    ...checkDashboard(dashboard).map((issue) => ({ ...issue, path: prefixed('dashboard', issue.path) })),
    ...crossFieldIssues(template),
  ];
  if (issues.length > 0) return failed(migrated.from, issues);
  return { ok: true, template, migratedFrom: migrated.from, issues: [] };
}

/**
 * `checkTemplate` that throws VALIDATION listing every problem instead of returning them.
 * @example const template = validateTemplate(JSON.parse(text));
 */
export function validateTemplate(json: unknown): DashboardTemplate {
  const checked = checkTemplate(json);
  if (!checked.ok) throw NautilusError.validation('dashboard template', checked.issues);
  return checked.template;
}

function failed(migratedFrom: number | null, issues: FieldIssue[]): TemplateCheck {
  return { ok: false, template: null, migratedFrom, issues };
}

/**
 * What spans fields: input names are unique; a variable input names a variable; every panel's data
 * source has an input (so a mapping reaches every query); every plugin the panels use is required once.
 */
function crossFieldIssues(template: DashboardTemplate): FieldIssue[] {
  const { dashboard } = template;
  const issues: FieldIssue[] = [];
  if (dashboard.template) {
    issues.push({ path: 'dashboard.template', message: "is not allowed in a template file: the file's id and version say it" });
  }
  const variables = new Set(dashboard.variables.map((variable) => variable.name));
  const names = new Set<string>();
  const sources = new Set<string>();
  template.inputs.forEach((input, index) => {
    if (names.has(input.name)) issues.push({ path: `inputs[${index}].name`, message: `duplicate input '${input.name}'` });
    names.add(input.name);
    if (input.type === 'variable' && !variables.has(input.name)) {
      issues.push({ path: `inputs[${index}].name`, message: `the dashboard has no variable '${input.name}'` });
    }
    if (input.type === 'dataSource') {
      if (sources.has(input.default)) {
        issues.push({ path: `inputs[${index}].default`, message: `another input already stands for '${input.default}'` });
      }
      sources.add(input.default);
    }
  });
  dashboard.panels.forEach((panel, index) => {
    if (panel.query && !sources.has(panel.query.dataSource)) {
      issues.push({
        path: `dashboard.panels[${index}].query.dataSource`,
        message: `'${panel.query.dataSource}' has no data source input (add one with this default)`,
      });
    }
  });
  const required = new Set<string>();
  template.requires.forEach((requirement, index) => {
    if (required.has(requirement.plugin)) {
      issues.push({ path: `requires[${index}].plugin`, message: `'${requirement.plugin}' is listed twice` });
    }
    required.add(requirement.plugin);
  });
  for (const { plugin } of pluginsUsed(dashboard)) {
    if (!required.has(plugin)) issues.push({ path: 'requires', message: `lacks '${plugin}', which the panels use` });
  }
  return issues;
}
