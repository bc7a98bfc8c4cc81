import { App, Button, Flex, Input, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardSummary, User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { routeHash } from '../routing/route.ts';
import { ConfirmDeleteButton, ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { CreateDashboardDialog } from './CreateDashboardDialog.tsx';
import { ALL_FOLDERS, type FolderChoice, filterDashboards, foldersOf } from './dashboard-filter.ts';
import { MoveDashboardDialog } from './MoveDashboardDialog.tsx';
import { RenameDashboardDialog } from './RenameDashboardDialog.tsx';
import { formatRelativeTime } from './relative-time.ts';
import { useDashboardList, useDeleteDashboard, useDuplicateDashboard } from './useDashboards.ts';

// Loaded when opened: most visits to the list never import a template.
const TemplateGalleryDialog = lazy(() => import('../templates/TemplateGalleryDialog.tsx'));
const ImportTemplateDialog = lazy(() => import('../templates/ImportTemplateDialog.tsx'));

// Select values are strings: the top level (null) gets a key of its own.
const TOP_LEVEL = '\u0000top';

/**
 * The dashboards the user may see, by folder and searchable by title. Each row's buttons follow the
 * user's permission on that dashboard: edit renames and moves it, admin deletes it.
 */
export function DashboardsPage({ user }: { user: User }) {
  const list = useDashboardList();
  const remove = useDeleteDashboard();
  const duplicate = useDuplicateDashboard();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [templateDialog, setTemplateDialog] = useState<'gallery' | 'import'>();
  const [renaming, setRenaming] = useState<DashboardSummary>();
  const [moving, setMoving] = useState<DashboardSummary>();
  const [folder, setFolder] = useState<FolderChoice>(ALL_FOLDERS);
  const [search, setSearch] = useState('');
  const canCreate = canEditDashboards(user.role);
  const nowMs = Date.now();
  const folders = useMemo(() => foldersOf(list.data ?? []), [list.data]);
  const shown = useMemo(() => filterDashboards(list.data ?? [], folder, search), [list.data, folder, search]);

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
      title: 'Folder',
      dataIndex: 'folder',
      width: 150,
      sorter: (a, b) => (a.folder ?? '').localeCompare(b.folder ?? ''),
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: 'Tags',
      dataIndex: 'tags',
      responsive: ['lg'],
      render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
    { title: 'Panels', dataIndex: 'panelCount', width: 80, align: 'right', responsive: ['lg'] },
    { title: 'Version', dataIndex: 'version', width: 80, align: 'right', responsive: ['xl'] },
    {
      title: 'Updated',
      dataIndex: 'updatedAt',
      width: 220,
      responsive: ['md'],
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
  if (canCreate) {
    columns.push({
      title: 'Actions',
      key: 'actions',
      render: (_, dashboard) => (
        <Space size="small" wrap>
          {dashboard.permission !== 'view' && (
            <>
              <Button size="small" data-testid="rename-dashboard-button" onClick={() => setRenaming(dashboard)}>
                Rename
              </Button>
              <Button size="small" data-testid="move-dashboard-button" onClick={() => setMoving(dashboard)}>
                Move
              </Button>
            </>
          )}
          <Button
            size="small"
            data-testid="duplicate-dashboard-button"
            loading={duplicate.isPending && duplicate.variables === dashboard.id}
            onClick={() => duplicateDashboard(dashboard)}
          >
            Duplicate
          </Button>
          {dashboard.permission === 'admin' && (
            <ConfirmDeleteButton
              name={dashboard.title}
              consequence="Its history and share links go with it. This cannot be undone."
              onConfirm={() => confirmDelete(dashboard)}
              testId="delete-dashboard-button"
            />
          )}
        </Space>
      ),
    });
  }

  const folderValue = folder === null ? TOP_LEVEL : folder;
  const empty = list.data?.length
    ? 'No dashboard matches; change the folder or the search.'
    : canCreate
      ? 'No dashboards yet. Create the first one.'
      : 'No dashboards shared with you yet.';

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="Dashboards"
        action={
          canCreate && (
            <Space wrap>
              <Button data-testid="import-template-button" onClick={() => setTemplateDialog('import')}>
                Import template
              </Button>
              <Button data-testid="from-template-button" onClick={() => setTemplateDialog('gallery')}>
                From template
              </Button>
              <Button type="primary" data-testid="create-dashboard-button" onClick={() => setCreating(true)}>
                New dashboard
              </Button>
            </Space>
          )
        }
      />
      <Flex gap={8} wrap>
        <Input.Search
          data-testid="dashboards-search"
          aria-label="Search titles"
          placeholder="Search titles"
          allowClear
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
        />
        <Select
          data-testid="dashboards-folder"
          aria-label="Folder"
          value={folderValue}
          onChange={(value: string) => setFolder(value === TOP_LEVEL ? null : value)}
          style={{ flex: '0 1 200px', minWidth: 140 }}
          options={[
            { value: ALL_FOLDERS, label: 'All folders' },
            { value: TOP_LEVEL, label: 'No folder' },
            ...folders.map((name) => ({ value: name, label: name })),
          ]}
        />
      </Flex>
      {list.error && <ListLoadError error={list.error} onRetry={() => void list.refetch()} />}
      <div data-testid="dashboards-table" style={{ overflowX: 'auto' }}>
        <Table<DashboardSummary>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={list.isPending && !list.error}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          locale={{ emptyText: empty }}
        />
      </div>
      <Suspense fallback={null}>
        {templateDialog === 'gallery' && <TemplateGalleryDialog open onClose={() => setTemplateDialog(undefined)} />}
        {templateDialog === 'import' && <ImportTemplateDialog open onClose={() => setTemplateDialog(undefined)} />}
      </Suspense>
      <CreateDashboardDialog open={creating} onClose={() => setCreating(false)} folders={folders} />
      {renaming && <RenameDashboardDialog dashboard={renaming} onClose={() => setRenaming(undefined)} />}
      {moving && <MoveDashboardDialog dashboard={moving} folders={folders} onClose={() => setMoving(undefined)} />}
    </Flex>
  );
}
