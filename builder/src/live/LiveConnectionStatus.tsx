import { useQueryClient } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { queryKeys } from '../api/query-keys.ts';
import type { ConnectionState } from './live-client.ts';
import { useConnectionState } from './useLiveStatus.ts';
import './live.css';

const WORDS: Record<ConnectionState['status'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  resynced: 'Resynced',
  unauthenticated: 'Offline',
};

function describeConnection(state: ConnectionState, now: number): string {
  switch (state.status) {
    case 'connecting':
      return 'Opening the live connection.';
    case 'live':
      return `Live updates connected${state.instance ? ` (server ${state.instance})` : ''}.`;
    case 'reconnecting': {
      const seconds = state.retryAt === undefined ? undefined : Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `The live connection dropped. Panels keep what they had; reconnecting${seconds === undefined ? '' : ` in ${seconds} s`} (attempt ${state.attempt}).`;
    }
    case 'resynced':
      return 'Reconnected. Some live data could not be continued from where it stopped and was reloaded from a fresh snapshot.';
    case 'unauthenticated':
      return 'The session has ended: log in again to resume live updates.';
  }
}

/**
 * The page's live connection in the header: a dot while connected, and in words what is happening
 * otherwise. A connection refused for want of a session sends the app back to its login check.
 */
export function LiveConnectionStatus() {
  const state = useConnectionState();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (state.status !== 'reconnecting') return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [state.status]);
  useEffect(() => {
    if (state.status === 'unauthenticated') void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }, [state.status, queryClient]);
  // Nothing subscribed yet (no live panel, no alerts): nothing to say.
  if (state.status === 'connecting' && state.connections === 0 && state.attempt === 0) return null;
  const color =
    state.status === 'live'
      ? '#389e0d'
      : state.status === 'resynced'
        ? '#1677ff'
        : state.status === 'connecting'
          ? '#8c8c8c'
          : state.status === 'reconnecting'
            ? '#d48806'
            : '#cf1322';
  return (
    <Tooltip title={describeConnection(state, now)}>
      <span
        className="nautilus-live-status nautilus-live-badge"
        role="status"
        aria-live="polite"
        data-testid="live-status"
        data-status={state.status}
        data-instance={state.instance ?? ''}
        style={{ ['--n-live-color' as string]: color }}
      >
        <span className="nautilus-live-status-text">{WORDS[state.status]}</span>
      </span>
    </Tooltip>
  );
}
