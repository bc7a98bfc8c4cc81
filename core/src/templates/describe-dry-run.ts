import type { DryRun, ImportResult } from './template-service.ts';

/**
 * A dry run as the CLI prints it: the template, what would be created, each plugin's state, the panels
 * that lack a plugin, then errors and warnings by field, and the change to each dashboard it could replace.
 */
export function describeDryRun(plan: DryRun): string {
  const lines: string[] = [];
  if (plan.template) {
    const migrated = plan.template.migratedFrom < 2 ? ` (migrated from format ${plan.template.migratedFrom})` : '';
    lines.push(`template ${plan.template.id} ${plan.template.version}: ${plan.template.name}${migrated}`);
  }
  if (plan.dashboard) {
    lines.push(`would create "${plan.dashboard.title}" with ${plan.dashboard.panels.length} panels`);
    for (const variable of plan.dashboard.variables) lines.push(`  variable $${variable.name} = ${variable.default}`);
    const sources = [...new Set(plan.dashboard.panels.flatMap((panel) => (panel.query ? [panel.query.dataSource] : [])))];
    for (const source of sources) lines.push(`  data source ${source}`);
  }
  if (plan.plugins.length > 0) lines.push('plugins:');
  for (const check of plan.plugins) lines.push(`  ${check.status.padEnd(12)} ${check.message}`);
  if (plan.missingPanels.length > 0) lines.push('panels kept, drawn once their plugin is installed:');
  for (const panel of plan.missingPanels) lines.push(`  ${panel.title} (${panel.type}): ${panel.reasons.join('; ')}`);
  for (const dashboard of plan.existing) {
    const { diff } = dashboard;
    lines.push(`made from this template before: "${dashboard.title}" ${dashboard.id} (template ${dashboard.templateVersion})`);
    if (diff.identical) lines.push('  replacing it would change nothing');
    for (const panel of diff.added) lines.push(`  + panel ${panel.title}`);
    for (const panel of diff.removed) lines.push(`  - panel ${panel.title}`);
    for (const panel of diff.changed) {
      lines.push(`  ~ panel ${panel.title}: ${panel.changes.map((change) => change.path).join(', ')}`);
    }
    for (const change of diff.dashboard) lines.push(`  ~ ${change.path}`);
  }
  for (const error of plan.errors) lines.push(`ERROR ${error.path || '(file)'}: ${error.message}`);
  for (const warning of plan.warnings) lines.push(`warning ${warning.path}: ${warning.message}`);
  lines.push(plan.ok ? 'dry run: nothing was written' : 'cannot import: fix the errors above');
  return lines.join('\n');
}

/** What the CLI prints after an import. */
export function describeImport(result: ImportResult): string {
  const lines = [`${result.replaced ? 'replaced' : 'created'} "${result.title}" ${result.id} (version ${result.version})`];
  for (const panel of result.missingPanels) lines.push(`  panel ${panel.title} waits for: ${panel.reasons.join('; ')}`);
  for (const warning of result.warnings) lines.push(`warning ${warning.path}: ${warning.message}`);
  return lines.join('\n');
}
