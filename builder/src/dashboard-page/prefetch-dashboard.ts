import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import type { DashboardRecord, WidgetInfo } from '../api/types.ts';
import { panelDataOptions } from '../data/panel-data-options.ts';
import { defaultVariableValues } from '../data/variable-values.ts';
import { widgetRegistry } from '../panels/widget-registry.ts';

export const CATALOG_STALE_MS = 5 * 60_000;

export const widgetsQuery = {
  queryKey: queryKeys.widgets,
  queryFn: ({ signal }: { signal: AbortSignal }) => trpc.widgets.list.query(undefined, { signal }),
  staleTime: CATALOG_STALE_MS,
};

export const dataSourcesQuery = {
  queryKey: queryKeys.dataSources,
  queryFn: ({ signal }: { signal: AbortSignal }) => trpc.dataSources.list.query(undefined, { signal }),
  staleTime: CATALOG_STALE_MS,
};

export const dashboardQuery = (id: string) => ({
  queryKey: queryKeys.dashboard(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => trpc.dashboards.get.query({ id }, { signal }),
});

/**
 * Starts everything a dashboard needs at once instead of one step after another: the document and the
 * widget and data source catalogs together, then every panel's data (at the default variable values)
 * and the widget bundles. The follow-up requests hang on the raw responses, ahead of the query cache,
 * so they leave before React starts rendering what the cache hands it. Failures are left to the page's
 * own queries.
 *
 * Resolves once the panels' data requests have left (or the document could not be had): the tRPC
 * client sends a batch on a timer, and a React render scheduled before that timer fires would hold
 * the requests back for as long as it takes.
 */
export function prefetchDashboard(queryClient: QueryClient, id: string): Promise<void> {
  // Already on its way (the startup prefetch): nothing to add.
  if (queryClient.getQueryState(queryKeys.dashboard(id))?.fetchStatus === 'fetching') return Promise.resolve();
  const cached = queryClient.getQueryData<DashboardRecord>(queryKeys.dashboard(id));
  const record = cached ? Promise.resolve(cached) : trpc.dashboards.get.query({ id });
  const widgets = queryClient.getQueryData<WidgetInfo[]>(queryKeys.widgets) ?? trpc.widgets.list.query();
  const dispatched = Promise.all([record, widgets])
    .then(([{ document }, list]) => {
      // Data first: the server's page already had the browser fetch the bundles (modulepreload), so
      // preloading only starts their evaluation here.
      const values = defaultVariableValues(document.variables);
      for (const panel of document.panels) {
        if (panel.query) void queryClient.prefetchQuery(panelDataOptions(panel.query, values, document.timeRange));
      }
      const used = new Set(document.panels.map((panel) => panel.type));
      for (const widget of list) if (used.has(widget.type)) widgetRegistry.preload(widget);
      // The batch's own timer was set first, so it has fired when this one does.
      return new Promise<void>((resolve) => setTimeout(resolve));
    })
    .catch(() => {});
  if (!cached) void queryClient.prefetchQuery({ queryKey: queryKeys.dashboard(id), queryFn: () => record, staleTime: 5_000 });
  void queryClient.prefetchQuery({ ...widgetsQuery, queryFn: () => Promise.resolve(widgets) });
  void queryClient.prefetchQuery(dataSourcesQuery);
  return dispatched;
}
