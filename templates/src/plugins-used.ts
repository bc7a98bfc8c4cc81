import type { DashboardDocument } from '@nautilus/sdk';
import { pluginOf } from './contribution-ref.ts';

/** A plugin a dashboard uses, with the widget version its panels last saved options under (null for data sources only). */
export interface PluginUse {
  plugin: string;
  panelVersion: string | null;
}

/**
 * Every plugin a dashboard's panels use, through their widget `type` and their query's `dataSource`,
 * sorted by id so exports list them in one order.
 * @example pluginsUsed(dashboard) // [{ plugin: 'nautilus.sim-market', panelVersion: null }, { plugin: 'nautilus.widgets-core', panelVersion: '0.1.0' }]
 */
export function pluginsUsed(dashboard: Pick<DashboardDocument, 'panels'>): PluginUse[] {
  const used = new Map<string, string | null>();
  for (const panel of dashboard.panels) {
    const widgetPlugin = pluginOf(panel.type);
    // Panels of one plugin may have saved options under different versions; the newest-sorting one stands for them.
    const previous = used.get(widgetPlugin) ?? null;
    used.set(widgetPlugin, previous === null || previous < panel.pluginVersion ? panel.pluginVersion : previous);
    if (panel.query && !used.has(pluginOf(panel.query.dataSource))) used.set(pluginOf(panel.query.dataSource), null);
  }
  return [...used]
    .map(([plugin, panelVersion]) => ({ plugin, panelVersion }))
    .sort((a, b) => (a.plugin < b.plugin ? -1 : a.plugin > b.plugin ? 1 : 0));
}

/** The distinct data sources the panels query, in the order panels first use them. */
export function dataSourcesUsed(dashboard: Pick<DashboardDocument, 'panels'>): string[] {
  return [...new Set(dashboard.panels.flatMap((panel) => (panel.query ? [panel.query.dataSource] : [])))];
}

/** Input names for data sources: the source's own id, made unique against the names already taken. */
export function dataSourceInputNames(refs: readonly string[], taken: Iterable<string>): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const ref of refs) {
    const base = ref.slice(ref.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9_]/g, '_');
    const start = /^[A-Za-z_]/.test(base) ? base : `source_${base}`;
    let name = start.slice(0, 60);
    for (let suffix = 2; used.has(name); suffix++) name = `${start.slice(0, 56)}_${suffix}`;
    used.add(name);
    names.set(ref, name);
  }
  return names;
}
