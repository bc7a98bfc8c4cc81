import type { DashboardId } from './types.ts';

/**
 * Every TanStack Query key of the app, in one place so identical queries share one cache entry
 * and invalidations cannot drift from the keys they target.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  /** Prefix of every dashboard query: invalidate it after any dashboard write. */
  dashboards: ['dashboards'] as const,
  dashboardList: ['dashboards', 'list'] as const,
  dashboard: (id: DashboardId) => ['dashboards', 'get', id] as const,
  dashboardHistory: (id: DashboardId) => ['dashboards', 'history', id] as const,
  widgets: ['widgets', 'list'] as const,
  dataSources: ['dataSources', 'list'] as const,
  plugins: ['plugins', 'list'] as const,
  /**
   * One data query. Time stays as written (`now-7d`) so every panel asking the same thing shares one
   * entry; the query function resolves it when it runs, so a refresh moves the window forward.
   */
  dataQuery: (dataSource: string, params: Record<string, unknown>, from: string, to: string) =>
    ['dataSources.query', dataSource, params, from, to] as const,
};
