import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import type { DashboardId } from '../api/types.ts';
import { copyTitle } from './document-title.ts';

type SaveInput = Parameters<typeof trpc.dashboards.save.mutate>[0];

/** Every dashboard the user can see, as list rows. */
export function useDashboardList() {
  return useQuery({
    queryKey: queryKeys.dashboardList,
    queryFn: ({ signal }) => trpc.dashboards.list.query(undefined, { signal }),
  });
}

/**
 * One dashboard with its document; by default `staleTime: 0` so an edit always starts from the latest
 * version (a page that has just prefetched it may accept a few seconds).
 */
export function useDashboard(id: DashboardId, options: { enabled?: boolean; staleTime?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.dashboard(id),
    queryFn: ({ signal }) => trpc.dashboards.get.query({ id }, { signal }),
    staleTime: options.staleTime ?? 0,
    enabled: options.enabled ?? true,
  });
}

// Any write changes the list (title, version, updated at/by): refetch every dashboard query.
function useInvalidateDashboards() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.dashboards });
}

/** Creates an empty dashboard; `access` `private` keeps it to its creator (and admins) until shared. */
export function useCreateDashboard() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: (input: { title: string; folder?: string | null; access?: 'team' | 'private' }) =>
      trpc.dashboards.create.mutate(input),
    onSuccess: invalidate,
  });
}

/** Files a dashboard in a folder (null: the top level). */
export function useMoveDashboard() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: (input: { id: DashboardId; folder: string | null }) => trpc.dashboards.move.mutate(input),
    onSuccess: invalidate,
  });
}

/** Copies a dashboard's current document into a new dashboard titled “Copy of …”. */
export function useDuplicateDashboard() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: async (id: DashboardId) => {
      const original = await trpc.dashboards.get.query({ id });
      const title = copyTitle(original.document.title);
      const created = await trpc.dashboards.create.mutate({ document: { ...original.document, title }, folder: original.folder });
      return { ...created, title };
    },
    onSuccess: invalidate,
  });
}

export function useDeleteDashboard() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: (id: DashboardId) => trpc.dashboards.delete.mutate({ id }),
    onSuccess: invalidate,
  });
}

/** Saves a document over `baseVersion`; the server answers CONFLICT if someone saved in between. */
export function useSaveDashboard() {
  const invalidate = useInvalidateDashboards();
  return useMutation({
    mutationFn: (input: SaveInput) => trpc.dashboards.save.mutate(input),
    onSuccess: invalidate,
  });
}
