import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import { CATALOG_STALE_MS, dataSourcesQuery, widgetsQuery } from '../dashboard-page/prefetch-dashboard.ts';

// Plugins change only when the server restarts: the catalog is fetched once per visit.

/** Every widget of every active plugin (the palette, and how to draw each panel type). */
export function useWidgets() {
  return useQuery(widgetsQuery);
}

/** Every data source of every active plugin, with its query schema. */
export function useDataSources() {
  return useQuery(dataSourcesQuery);
}

/** Every plugin with its state: read only to explain a panel whose widget is missing. */
export function usePluginStatuses(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.plugins,
    queryFn: ({ signal }) => trpc.plugins.list.query(undefined, { signal }),
    enabled,
    staleTime: CATALOG_STALE_MS,
  });
}
