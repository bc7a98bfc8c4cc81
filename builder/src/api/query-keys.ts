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
};
