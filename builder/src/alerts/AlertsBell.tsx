import { Badge, Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { BellIcon } from '../panels/icons.tsx';
import { useAlertGroups } from './useAlertGroups.ts';

// The drawer and its list load on the first click: a dashboard view only pays for the bell.
const AlertsDrawer = lazy(() => import('./AlertsDrawer.tsx').then((module) => ({ default: module.AlertsDrawer })));

/** The header's bell: the user's unread limit alerts (kept per user on the server), and the drawer that lists them. */
export function AlertsBell() {
  // The drawer's unfiltered list: the bell's poll also keeps it fresh for the first open.
  const alerts = useAlertGroups();
  const unread = alerts.data?.unread ?? 0;
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);

  return (
    <>
      <Badge count={unread} overflowCount={99} size="small" data-testid="alerts-badge">
        <Button
          type="text"
          data-testid="alerts-bell"
          aria-label={unread > 0 ? `Risk alerts, ${unread} unread` : 'Risk alerts'}
          title={unread > 0 ? `${unread} unread risk alert${unread === 1 ? '' : 's'}` : 'Risk alerts'}
          icon={<BellIcon />}
          onClick={() => {
            setOpened(true);
            setOpen(true);
          }}
        />
      </Badge>
      {opened && (
        <Suspense fallback={null}>
          <AlertsDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
