import { checkDashboard, type DashboardDocument, type FieldIssue } from '@nautilus/sdk';
import { prefixed } from './ajv-issues.ts';
import { joinFieldPath } from './field-path.ts';
import { CONTRIBUTION_REF_PATTERN, type DashboardTemplate } from './template.ts';

const REF = new RegExp(CONTRIBUTION_REF_PATTERN);

/** What an importer gives for inputs: a local `<pluginId>/<source>` for a data source, a value for a variable. */
export type InputMapping = Readonly<Record<string, string>>;

/**
 * The dashboard a validated template makes with these inputs: each mapped data source replaces the
 * input's default in every query that used it, each variable's default becomes the value given (else
 * the input's default), and `template` records where it came from. Issues name `mapping.<input>` (or
 * the dashboard field) and leave the template untouched; the dashboard is only usable without issues.
 * @example applyInputs(template, { bars: 'nautilus.core/bars', symbol: 'SIM:MSFT' })
 */
export function applyInputs(
  template: DashboardTemplate,
  mapping: InputMapping = {},
): { dashboard: DashboardDocument; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const inputs = new Map(template.inputs.map((input) => [input.name, input]));
  for (const [name, value] of Object.entries(mapping)) {
    const path = joinFieldPath('mapping', name);
    const input = inputs.get(name);
    if (!input) {
      issues.push({ path, message: `is not an input of this template (inputs: ${[...inputs.keys()].join(', ') || 'none'})` });
    } else if (typeof value !== 'string') {
      issues.push({ path, message: 'expected a string' });
    } else if (input.type === 'dataSource' && !REF.test(value)) {
      issues.push({
        path,
        message: `expected a data source as <pluginId>/<source>, e.g. ${input.default}; got ${JSON.stringify(value)}`,
      });
    } else if (value.length > 200) {
      issues.push({ path, message: `is ${value.length} characters; the limit is 200` });
    }
  }
  const dashboard = structuredClone(template.dashboard);
  const sources = new Map<string, string>();
  for (const input of template.inputs) {
    const value = Object.hasOwn(mapping, input.name) ? mapping[input.name] : undefined;
    if (input.type === 'dataSource')
      sources.set(input.default, typeof value === 'string' && REF.test(value) ? value : input.default);
  }
  for (const panel of dashboard.panels) {
    if (panel.query) panel.query.dataSource = sources.get(panel.query.dataSource) ?? panel.query.dataSource;
  }
  for (const variable of dashboard.variables) {
    const input = inputs.get(variable.name);
    if (input?.type !== 'variable') continue;
    const value = Object.hasOwn(mapping, input.name) ? mapping[input.name] : undefined;
    variable.default = typeof value === 'string' && value.length <= 200 ? value : input.default;
  }
  dashboard.template = { id: template.id, version: template.version };
  // A value outside a custom variable's options is caught here, named by the input that set it.
  for (const issue of checkDashboard(dashboard)) {
    const index = /^variables\[(\d+)\]\.default$/.exec(issue.path)?.[1];
    const variable = index === undefined ? undefined : dashboard.variables[Number(index)];
    const mapped = variable && Object.hasOwn(mapping, variable.name);
    issues.push({
      path: mapped ? joinFieldPath('mapping', variable.name) : prefixed('dashboard', issue.path),
      message: issue.message,
    });
  }
  return { dashboard, issues };
}
