import type { LiveChannel } from '@nautilus/sdk';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLiveChannel } from '../live/useLiveChannel.ts';
import { useConnectionState, useSubscriptionState } from '../live/useLiveStatus.ts';
import { applyDeploymentEvent, type DeploymentRecord, type DeploymentWatchEvent } from './deployment-events.ts';

const EVENT_TYPES = new Set(['snapshot', 'status', 'account', 'notice', 'bar', 'fills', 'trades', 'logs', 'risk']);

/**
 * A running deployment's events over the tab's live connection (the `deployment` channel), applied to
 * its record in the query cache as they come; a resync refetches the record. Answers whether the
 * channel is live: until then (and if the server refuses it) the caller keeps its own event stream and poll.
 * Events are applied only once the channel is live and the caller's stream has been told to stop, so
 * one event is never applied from both.
 */
export function useLiveDeployment(id: string | undefined, queryKey: QueryKey): boolean {
  const queryClient = useQueryClient();
  const channel = useMemo<LiveChannel | undefined>(() => (id ? { kind: 'deployment', deploymentId: id } : undefined), [id]);
  const connection = useConnectionState();
  const subscription = useSubscriptionState(channel, 5_000);
  const live = (connection.status === 'live' || connection.status === 'resynced') && subscription?.status === 'live';
  useLiveChannel(channel, (event) => {
    if (event.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey });
      return;
    }
    if (event.type !== 'data' || !live) return;
    const data = event.data as { type?: unknown } | null;
    if (typeof data?.type !== 'string' || !EVENT_TYPES.has(data.type)) return;
    if (data.type === 'snapshot' && typeof (data as { deployment?: unknown }).deployment !== 'object') return;
    queryClient.setQueryData<DeploymentRecord>(queryKey, (record) =>
      record ? applyDeploymentEvent(record, data as DeploymentWatchEvent) : record,
    );
  });
  return live;
}
