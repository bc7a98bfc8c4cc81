import type { DashboardDocument, FieldIssue } from '@nautilus/sdk';

/**
 * A server validation issue in words a dashboard author can act on: the panel or variable named by
 * title instead of by array index.
 * @example describeFieldIssue({ path: 'panels[2].gridPos.w', message: 'x + w must be <= 24' }, document)
 * // 'Panel “Volume” (size): x + w must be <= 24'
 */
export function describeFieldIssue(issue: FieldIssue, document: DashboardDocument): string {
  const panel = /^(?:document\.)?panels\[(\d+)\]\.?(.*)$/.exec(issue.path);
  if (panel) {
    const found = document.panels[Number(panel[1])];
    const name = found ? `Panel “${found.title || found.id}”` : `Panel ${Number(panel[1]) + 1}`;
    return `${name}${describeRest(panel[2] ?? '')}: ${issue.message}`;
  }
  const variable = /^(?:document\.)?variables\[(\d+)\]\.?(.*)$/.exec(issue.path);
  if (variable) {
    const found = document.variables[Number(variable[1])];
    const name = found ? `Variable $${found.name}` : `Variable ${Number(variable[1]) + 1}`;
    return `${name}${describeRest(variable[2] ?? '')}: ${issue.message}`;
  }
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function describeRest(path: string): string {
  if (path === '') return '';
  if (path.startsWith('gridPos')) return ' (size or position)';
  if (path.startsWith('query')) return ' (query)';
  if (path.startsWith('options')) return ' (options)';
  return ` (${path})`;
}
