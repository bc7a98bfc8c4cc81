import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';
import { useLiveInvalidation } from '../live/useLiveInvalidation.ts';
import { riskKeys } from '../risk/risk-api.ts';
import { type AlertFilter, type AlertSourceKind, alertGroupsInput } from './alert-groups.ts';

const POLL_MS = 10_000;

/** Query keys of the grouped alerts, under the alerts prefix that a pre-trade check invalidates. */
export const alertGroupKeys = {
  all: [...riskKeys.alerts, 'groups'] as const,
  list: (filter: AlertFilter) => [...riskKeys.alerts, 'groups', alertGroupsInput(filter)] as const,
};

const ALERTS_CHANNEL = { kind: 'alerts' } as const;

/**
 * Alerts grouped per source and limit, and the user's unread total: refetched when the live connection
 * brings an alert, and polled every 10 s (while the tab is visible) only when it is not connected.
 */
export function useAlertGroups(filter: AlertFilter = {}) {
  const live = useLiveInvalidation(ALERTS_CHANNEL, alertGroupKeys.all);
  return useQuery({
    queryKey: alertGroupKeys.list(filter),
    queryFn: ({ signal }) => trpc.risk.alertGroups.query(alertGroupsInput(filter), { signal }),
    refetchInterval: live ? false : POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: POLL_MS / 2,
  });
}

type MarkRead =
  | { groups: { sourceKind: AlertSourceKind; sourceId: string; limit: string }[]; upTo: string }
  | { all: Omit<AlertFilter, 'unread'>; upTo: string };

/** Marks groups, or everything a filter keeps, read for this user; every alerts list and the badge refetch. */
export function useMarkAlertsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: MarkRead) =>
      'groups' in target
        ? trpc.risk.markAlertsRead.mutate({ groups: target.groups, upTo: target.upTo })
        : trpc.risk.markAllAlertsRead.mutate({
            ...(target.all.sourceKind ? { sourceKind: target.all.sourceKind } : {}),
            ...(target.all.sourceId ? { sourceId: target.all.sourceId } : {}),
            ...(target.all.limit ? { limit: target.all.limit } : {}),
            upTo: target.upTo,
          }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertGroupKeys.all }),
  });
}
