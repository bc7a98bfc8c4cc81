import type { LiveChannel } from '@nautilus/sdk';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { LiveEvent } from './live-client.ts';
import { useLiveChannel } from './useLiveChannel.ts';
import { useConnectionState, useSubscriptionState } from './useLiveStatus.ts';

/** Messages closer together than this cause one refetch (a burst of alerts is one request). */
const COALESCE_MS = 250;

/**
 * Refetches the queries under `queryKey` whenever `channel` brings a message (or is resynced), and
 * answers whether the channel is live right now: callers poll only while it is not.
 * @example const live = useLiveInvalidation({ kind: 'alerts' }, alertGroupKeys.all); useQuery({ …, refetchInterval: live ? false : 10_000 });
 */
export function useLiveInvalidation(
  channel: LiveChannel | undefined,
  queryKey: QueryKey,
  onEvent?: (event: LiveEvent) => void,
): boolean {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;
  useLiveChannel(channel, (event) => {
    onEvent?.(event);
    if (event.type !== 'data' && event.type !== 'resync') return;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void queryClient.invalidateQueries({ queryKey: keyRef.current });
    }, COALESCE_MS);
  });
  const connection = useConnectionState();
  const subscription = useSubscriptionState(channel, 5_000);
  return (connection.status === 'live' || connection.status === 'resynced') && subscription?.status === 'live';
}
