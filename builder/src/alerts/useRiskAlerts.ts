import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';
import { riskKeys } from '../risk/risk-api.ts';

/** How many of the newest alerts the bell keeps, and how often it asks (only while the tab is visible). */
export const BELL_ALERT_LIMIT = 50;
const POLL_MS = 10_000;

/** The newest alerts, polled every 10 s while the tab is visible (TanStack pauses the interval in the background). */
export function useRiskAlerts() {
  const filter = { limit: BELL_ALERT_LIMIT };
  return useQuery({
    queryKey: riskKeys.alertList(filter),
    queryFn: ({ signal }) => trpc.risk.alerts.query(filter, { signal }),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: POLL_MS / 2,
  });
}
