import { type DashboardDocument, type FieldIssue, interpolateVariables, type JsonSchema } from '@nautilus/sdk';
import type { PluginStatus } from '../plugins/plugin-registry.ts';
import { schemaIssues } from '../validation/json-schema-validator.ts';

/**
 * Each panel's query params, with the variables at their defaults, checked against the query schema
 * its data source declares: what the host would refuse when the panel first draws. Only panels whose
 * source is installed are checked (the others are listed as missing), and a finding is a warning, since
 * a viewer may pick another variable value that fits.
 */
export function checkPanelParams(dashboard: DashboardDocument, statuses: readonly PluginStatus[]): FieldIssue[] {
  const schemas = new Map<string, JsonSchema>();
  for (const status of statuses) {
    if (status.state !== 'active') continue;
    for (const source of status.contributes?.dataSources ?? []) schemas.set(`${status.id}/${source.id}`, source.querySchema);
  }
  const values = Object.fromEntries(dashboard.variables.map((variable) => [variable.name, variable.default]));
  const issues: FieldIssue[] = [];
  dashboard.panels.forEach((panel, index) => {
    const schema = panel.query && schemas.get(panel.query.dataSource);
    if (!panel.query || !schema) return;
    const params = interpolateVariables(panel.query.params, values);
    for (const issue of schemaIssues(schema, params, `dashboard.panels[${index}].query.params`)) {
      issues.push({ path: issue.path, message: `${issue.message} (panel '${panel.title || panel.id}' will show this error)` });
    }
  });
  return issues;
}
