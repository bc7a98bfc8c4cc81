import { Tooltip } from 'antd';
import { useMemo } from 'react';
import { liveBadgeView } from './live-badge-view.ts';
import type { LivePlan } from './live-plan.ts';
import { useConnectionState, useSubscriptionState } from './useLiveStatus.ts';
import './live.css';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * A streaming panel's freshness in its header: LIVE and the time of the last update, or what is wrong
 * (Reconnecting…, Resynced, Not live). `data-last-update` and `data-resyncs` are there for browser tests.
 */
export function LiveBadge({ panelId, plan }: { panelId: string; plan: LivePlan }) {
  const connection = useConnectionState();
  const primary = plan.kind === 'bars' ? plan.bars : plan.book;
  const first = useSubscriptionState(primary);
  const second = useSubscriptionState(plan.kind === 'bars' ? plan.forming : undefined);
  const view = liveBadgeView(connection, [first, ...(plan.kind === 'bars' ? [second] : [])], Date.now(), (time) =>
    timeFormat.format(time),
  );
  const [word, ...time] = view.label.split(' ');
  const label = useMemo(() => `${view.label}. ${view.detail}`, [view.label, view.detail]);
  return (
    <Tooltip title={view.detail}>
      <span
        className="nautilus-live-badge"
        role="status"
        aria-label={label}
        data-testid={`panel-live-${panelId}`}
        data-status={view.status}
        data-last-update={view.lastUpdate ?? ''}
        data-resyncs={view.resyncs}
      >
        {word}
        {time.length > 0 && <span className="nautilus-live-badge-time">{time.join(' ')}</span>}
      </span>
    </Tooltip>
  );
}
