import { App, Button, Flex, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardSummary, User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { routeHash } from '../routing/route.ts';
import { ConfirmDeleteButton, ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { CreateDashboardDialog } from './CreateDashboardDialog.tsx';
import { RenameDashboardDialog } from './RenameDashboardDialog.tsx';
import { formatRelativeTime } from './relative-time.ts';
import { useDashboardList, useDeleteDashboard, useDuplicateDashboard } from './useDashboards.ts';

/** The dashboards the user can see; admins and editors also create, rename and delete them. */
export function DashboardsPage({ user }: { user: User }) {
  const list = useDashboardList();
  const remove = useDeleteDashboard();
  const duplicate = useDuplicateDashboard();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<DashboardSummary>();
  const canEdit = canEditDashboards(user.role);
  const nowMs = Date.now();

  const confirmDelete = (dashboard: DashboardSummary) =>
    remove.mutateAsync(dashboard.id).then(
      () => void message.success(`Dashboard “${dashboard.title}” deleted.`),
      (error: unknown) => void message.error(describeApiError(error).message),
    );

  const duplicateDashboard = (dashboard: DashboardSummary) =>
    duplicate.mutate(dashboard.id, {
      onSuccess: (copy) => void message.success(`Created “${copy.title}”.`),
      onError: (error) => void message.error(`Not duplicated: ${describeApiError(error).message}`),
    });

  const columns: TableColumnsType<DashboardSummary> = [
    {
      title: 'Title',
      dataIndex: 'title',
      sorter: (a, b) => a.title.localeCompare(b.title),
      render: (title: string, dashboard) => <a href={routeHash({ name: 'dashboard', id: dashboard.id })}>{title}</a>,
    },
    {
      title: 'Tags',
      dataIndex: 'tags',
      render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
    { title: 'Panels', dataIndex: 'panelCount', width: 90, align: 'right' },
    { title: 'Version', dataIndex: 'version', width: 90, align: 'right' },
    {
      title: 'Updated',
      dataIndex: 'updatedAt',
      width: 260,
      defaultSortOrder: 'descend',
      sorter: (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
      render: (updatedAt: string, dashboard) => (
        <Tooltip title={new Date(updatedAt).toLocaleString()}>
          {formatRelativeTime(updatedAt, nowMs)}
          {dashboard.updatedBy && <Typography.Text type="secondary"> by {dashboard.updatedBy}</Typography.Text>}
        </Tooltip>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: 'Actions',
      key: 'actions',
      width: 260,
      render: (_, dashboard) => (
        <Space size="small">
          <Button size="small" data-testid="rename-dashboard-button" onClick={() => setRenaming(dashboard)}>
            Rename
          </Button>
          <Button
            size="small"
            data-testid="duplicate-dashboard-button"
            loading={duplicate.isPending && duplicate.variables === dashboard.id}
            onClick={() => duplicateDashboard(dashboard)}
          >
            Duplicate
          </Button>
          <ConfirmDeleteButton
            name={dashboard.title}
            consequence="This cannot be undone."
            onConfirm={() => confirmDelete(dashboard)}
            testId="delete-dashboard-button"
          />
        </Space>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="Dashboards"
        action={
          canEdit && (
            <Button type="primary" data-testid="create-dashboard-button" onClick={() => setCreating(true)}>
              New dashboard
            </Button>
          )
        }
      />
      {list.error && <ListLoadError error={list.error} onRetry={() => void list.refetch()} />}
      <div data-testid="dashboards-table">
        <Table<DashboardSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data}
          loading={list.isPending && !list.error}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          locale={{ emptyText: canEdit ? 'No dashboards yet. Create the first one.' : 'No dashboards yet.' }}
        />
      </div>
      <CreateDashboardDialog open={creating} onClose={() => setCreating(false)} />
      {renaming && <RenameDashboardDialog dashboard={renaming} onClose={() => setRenaming(undefined)} />}
    </Flex>
  );
}
