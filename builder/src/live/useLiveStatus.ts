import type { LiveChannel } from '@nautilus/sdk';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionState, SubscriptionState } from './live-client.ts';
import { liveClient } from './live-connection.ts';

/** The tab's connection state; re-renders when it changes. */
export function useConnectionState(): ConnectionState {
  const client = liveClient();
  return useSyncExternalStore(
    (onChange) => client.onChange(onChange),
    () => client.connection(),
  );
}

/**
 * A subscription's state, read again every `tickMs` as well as on every status change: its last-update
 * time changes with every message, and a badge showing seconds needs no more than one render a second.
 */
export function useSubscriptionState(channel: LiveChannel | undefined, tickMs = 1_000): SubscriptionState | undefined {
  const client = liveClient();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!channel) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), tickMs);
    const stop = client.onChange(() => setTick((tick) => tick + 1));
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [client, channel, tickMs]);
  return channel ? client.subscription(channel) : undefined;
}
