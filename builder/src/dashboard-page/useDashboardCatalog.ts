import type { Panel } from '@nautilus/sdk';
import { useEffect, useMemo } from 'react';
import { useDataSources, usePluginStatuses, useWidgets } from '../data/useCatalog.ts';
import { widgetRegistry } from '../panels/widget-registry.ts';

const NO_PROBLEMS: ReadonlyMap<string, string> = new Map();

/**
 * The widgets and data sources the dashboard's panels are drawn with, looked up by panel type and by
 * data source reference; why a plugin is down, asked only when a panel's widget is missing. Starts
 * fetching each widget bundle the panels use.
 */
export function useDashboardCatalog(panels: readonly Panel[]) {
  const widgets = useWidgets();
  const dataSources = useDataSources();
  const widgetsByType = useMemo(() => new Map((widgets.data ?? []).map((widget) => [widget.type, widget])), [widgets.data]);
  const dataSourcesByRef = useMemo(
    () => new Map((dataSources.data ?? []).map((source) => [source.ref, source])),
    [dataSources.data],
  );

  const someWidgetMissing = widgets.isSuccess && panels.some((panel) => !widgetsByType.has(panel.type));
  const plugins = usePluginStatuses(someWidgetMissing);
  const pluginProblems = useMemo(
    () =>
      plugins.data
        ? new Map(
            plugins.data.flatMap((plugin) =>
              plugin.state === 'active' ? [] : ([[plugin.id, plugin.error?.message ?? plugin.state]] as [string, string][]),
            ),
          )
        : NO_PROBLEMS,
    [plugins.data],
  );

  useEffect(() => {
    for (const type of new Set(panels.map((panel) => panel.type))) {
      const widget = widgetsByType.get(type);
      if (widget) widgetRegistry.preload(widget);
    }
  }, [widgetsByType, panels]);

  return { widgets, dataSources, widgetsByType, dataSourcesByRef, pluginProblems };
}
