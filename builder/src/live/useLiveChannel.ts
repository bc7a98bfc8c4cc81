import { channelKey, type LiveChannel } from '@nautilus/sdk';
import { useEffect, useRef } from 'react';
import type { LiveListener } from './live-client.ts';
import { liveClient } from './live-connection.ts';

/**
 * Listens to a live channel while the component is mounted (undefined: none). The listener may change
 * on every render; the subscription only follows the channel's identity (its `channelKey`).
 * @example useLiveChannel({ kind: 'alerts' }, (event) => { if (event.type === 'data') refetch(); });
 */
export function useLiveChannel(channel: LiveChannel | undefined, listener: LiveListener): void {
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  const key = channel ? channelKey(channel) : undefined;
  const channelRef = useRef(channel);
  channelRef.current = channel;
  useEffect(() => {
    const current = channelRef.current;
    if (!key || !current) return;
    return liveClient().subscribe(current, (event) => listenerRef.current(event));
  }, [key]);
}
