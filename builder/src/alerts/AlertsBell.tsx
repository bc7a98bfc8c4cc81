import { Badge, Button } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BellIcon } from '../panels/icons.tsx';
import {
  ALERTS_SEEN_STORAGE_KEY,
  countUnseenAlerts,
  readAlertsSeenAt,
  seenMarkAfterOpening,
  writeAlertsSeenAt,
} from './alert-badge.ts';
import { useRiskAlerts } from './useRiskAlerts.ts';

// The drawer and its list load on the first click: a dashboard view only pays for the bell.
const AlertsDrawer = lazy(() => import('./AlertsDrawer.tsx').then((module) => ({ default: module.AlertsDrawer })));

const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

/** The header's bell: the count of limit alerts newer than the last look, and the drawer that lists them. */
export function AlertsBell() {
  const alerts = useRiskAlerts();
  const list = alerts.data ?? [];
  const [seenAt, setSeenAt] = useState(() => readAlertsSeenAt(storage()));
  // Alerts newer than this are highlighted in the drawer: the mark as it was when the drawer opened.
  const [highlightAfter, setHighlightAfter] = useState<string>();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const unseen = countUnseenAlerts(list, seenAt);

  // Another tab opened the drawer: its mark applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === ALERTS_SEEN_STORAGE_KEY) setSeenAt(readAlertsSeenAt(storage()));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // While the drawer is open, what arrives is seen.
  useEffect(() => {
    if (!open) return;
    const mark = seenMarkAfterOpening(list, seenAt);
    if (mark !== undefined && mark !== seenAt) {
      writeAlertsSeenAt(storage(), mark);
      setSeenAt(mark);
    }
  }, [open, list, seenAt]);

  const show = () => {
    setHighlightAfter(seenAt ?? '');
    setOpened(true);
    setOpen(true);
  };

  return (
    <>
      <Badge count={unseen} overflowCount={99} size="small" data-testid="alerts-badge">
        <Button
          type="text"
          data-testid="alerts-bell"
          aria-label={unseen > 0 ? `Risk alerts, ${unseen} new` : 'Risk alerts'}
          title={unseen > 0 ? `${unseen} new risk alert${unseen === 1 ? '' : 's'}` : 'Risk alerts'}
          icon={<BellIcon />}
          onClick={show}
        />
      </Badge>
      {opened && (
        <Suspense fallback={null}>
          <AlertsDrawer open={open} onClose={() => setOpen(false)} query={alerts} highlightAfter={highlightAfter} />
        </Suspense>
      )}
    </>
  );
}
