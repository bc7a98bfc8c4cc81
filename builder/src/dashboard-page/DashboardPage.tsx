import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardId, DashboardRecord, User } from '../api/types.ts';
import { useDashboard } from '../dashboards/useDashboards.ts';
import { routeHash } from '../routing/route.ts';
import { DashboardWorkspace } from './DashboardWorkspace.tsx';
import { prefetchDashboard } from './prefetch-dashboard.ts';

const backToList = <a href={routeHash({ name: 'list' })}>← Dashboards</a>;

/** `#/d/<id>` (view) and `#/d/<id>/edit` (edit, for editors and admins): loads the dashboard, then hands it to the workspace. */
export function DashboardPage({ id, edit }: { id: DashboardId; edit: boolean; user: User }) {
  const queryClient = useQueryClient();
  // Catalogs, panel data and widget bundles start together with the document, not after it renders.
  useState(() => prefetchDashboard(queryClient, id));
  const dashboard = useDashboard(id, { staleTime: 5_000 });
  // The editor starts from the first version loaded; later fetches only tell it that a newer one exists.
  const first = useRef<DashboardRecord>(undefined);
  if (dashboard.data && !first.current) first.current = dashboard.data;

  if (first.current && dashboard.data) {
    return (
      <DashboardWorkspace
        record={first.current}
        latest={dashboard.data}
        editRequested={edit}
        // The server caps the permission by the role: a viewer's is always `view`.
        canEdit={first.current.permission !== 'view'}
        canShare={first.current.permission === 'admin'}
      />
    );
  }
  if (dashboard.isPending) return <Skeleton active style={{ padding: 24 }} />;
  const problem = describeApiError(dashboard.error);
  // A malformed id in the URL (VALIDATION) is as missing as a deleted dashboard.
  if (problem.code === 'NOT_FOUND' || problem.code === 'VALIDATION') {
    // Said in the user's words whatever the server wrote ("Invalid input: id…"); a dashboard hidden from this user reads the same.
    return (
      <div data-testid="dashboard-not-found">
        <Result
          status="404"
          title="This dashboard does not exist"
          subTitle="It was deleted, the link is mistyped, or it is not shared with you. Pick one from the list."
          extra={backToList}
        />
      </div>
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      style={{ margin: 24 }}
      title={problem.message}
      action={
        <Button size="small" onClick={() => void dashboard.refetch()}>
          Retry
        </Button>
      }
    />
  );
}
