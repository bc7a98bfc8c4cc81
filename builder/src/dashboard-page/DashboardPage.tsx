import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardId, DashboardRecord, User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { useDashboard } from '../dashboards/useDashboards.ts';
import { routeHash } from '../routing/route.ts';
import { DashboardWorkspace } from './DashboardWorkspace.tsx';
import { prefetchDashboard } from './prefetch-dashboard.ts';

const backToList = <a href={routeHash({ name: 'list' })}>← Dashboards</a>;

/** `#/d/<id>` (view) and `#/d/<id>/edit` (edit, for editors and admins): loads the dashboard, then hands it to the workspace. */
export function DashboardPage({ id, edit, user }: { id: DashboardId; edit: boolean; user: User }) {
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
        canEdit={canEditDashboards(user.role)}
      />
    );
  }
  if (dashboard.isPending) return <Skeleton active style={{ padding: 24 }} />;
  const problem = describeApiError(dashboard.error);
  // A malformed id in the URL (VALIDATION) is as missing as a deleted dashboard.
  if (problem.code === 'NOT_FOUND' || problem.code === 'VALIDATION') {
    return <Result status="404" title="Dashboard not found" subTitle={problem.message} extra={backToList} />;
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
