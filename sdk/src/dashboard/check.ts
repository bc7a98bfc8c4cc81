import type { FieldIssue } from '../errors.ts';
import { checkIndicatorParams } from '../indicators/check-indicator-params.ts';
import { resolveTime } from '../time-range.ts';
import { type DashboardDocument, GRID_COLUMNS } from './document.ts';
import { referencedVariables } from './variables.ts';

/**
 * Rules of a dashboard document that JSON Schema cannot state: unique panel ids and variable names,
 * panels inside the 24-column grid, query params that only reference defined variables, a valid time
 * range, indicator transforms the catalogue knows with params in range. Call it on a document that already matches `dashboardSchema`. Returns [] when all hold.
 */
export function checkDashboard(document: DashboardDocument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const variableNames = new Set<string>();
  document.variables.forEach((variable, index) => {
    if (variableNames.has(variable.name)) {
      issues.push({ path: `variables[${index}].name`, message: `duplicate variable '${variable.name}'` });
    }
    variableNames.add(variable.name);
    if (variable.type === 'custom' && variable.options && !variable.options.includes(variable.default)) {
      issues.push({ path: `variables[${index}].default`, message: `'${variable.default}' is not one of its options` });
    }
  });

  const panelIds = new Set<string>();
  document.panels.forEach((panel, index) => {
    if (panelIds.has(panel.id)) issues.push({ path: `panels[${index}].id`, message: `duplicate panel id '${panel.id}'` });
    panelIds.add(panel.id);
    const { x, w } = panel.gridPos;
    if (x + w > GRID_COLUMNS) {
      issues.push({ path: `panels[${index}].gridPos.w`, message: `x + w must be <= ${GRID_COLUMNS} (x=${x}, w=${w})` });
    }
    panel.transforms?.forEach((transform, position) => {
      const path = `panels[${index}].transforms[${position}]`;
      const checked = checkIndicatorParams(transform.indicator, transform.params, path);
      issues.push(...checked.issues.map((issue) => ({ ...issue, path: issue.path.replace(`${path}.id`, `${path}.indicator`) })));
    });
    if (panel.query) {
      for (const name of referencedVariables(panel.query.params)) {
        if (!variableNames.has(name)) {
          issues.push({ path: `panels[${index}].query.params`, message: `references undefined variable '$${name}'` });
        }
      }
    }
  });

  const now = Date.now();
  const resolved: Partial<Record<'from' | 'to', number>> = {};
  for (const key of ['from', 'to'] as const) {
    try {
      resolved[key] = resolveTime(document.timeRange[key], now);
    } catch {
      issues.push({
        path: `timeRange.${key}`,
        message: `expected 'now', 'now-<n><unit>' or an ISO 8601 date, got '${document.timeRange[key]}'`,
      });
    }
  }
  if (resolved.from !== undefined && resolved.to !== undefined && resolved.from >= resolved.to) {
    issues.push({ path: 'timeRange.from', message: 'must be before timeRange.to' });
  }
  return issues;
}
