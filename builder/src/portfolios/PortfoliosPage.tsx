import { App, Button, Flex, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import type { User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import type { Portfolio } from '../risk/risk-api.ts';
import { navigate } from '../routing/navigation.ts';
import { routeHash } from '../routing/route.ts';
import { ConfirmDeleteButton, ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { money } from '../strategy-lab/lab-format.ts';
import { useDeletePortfolio, usePortfolioList } from './usePortfolios.ts';

/** The portfolios the risk views work on; admins and editors also create, edit and delete them. */
export function PortfoliosPage({ user }: { user: User }) {
  const list = usePortfolioList();
  const remove = useDeletePortfolio();
  const { message } = App.useApp();
  const canEdit = canEditDashboards(user.role);
  const nowMs = Date.now();

  const confirmDelete = (portfolio: Portfolio) =>
    remove.mutateAsync(portfolio.id).then(
      () => void message.success(`Portfolio “${portfolio.name}” deleted.`),
      (error: unknown) => void message.error(describeApiError(error).message),
    );

  const columns: TableColumnsType<Portfolio> = [
    {
      title: 'Name',
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, portfolio) => (
        <Flex vertical>
          <a href={routeHash({ name: 'portfolio', id: portfolio.id })}>{name}</a>
          {portfolio.description && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
              {portfolio.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: 'Positions',
      key: 'positions',
      width: 100,
      align: 'right',
      responsive: ['sm'],
      render: (_, portfolio) => portfolio.positions.length,
    },
    {
      title: 'Capital',
      dataIndex: 'capital',
      width: 130,
      align: 'right',
      sorter: (a, b) => a.capital - b.capital,
      render: (capital: number) => money(capital),
    },
    {
      title: 'Limits',
      key: 'limits',
      width: 90,
      responsive: ['md'],
      align: 'right',
      render: (_, portfolio) => portfolio.limits?.limits.length ?? 0,
    },
    {
      title: 'Updated',
      dataIndex: 'updatedAt',
      width: 170,
      responsive: ['md'],
      sorter: (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
      render: (updatedAt: string) => (
        <Tooltip title={new Date(updatedAt).toLocaleString()}>{formatRelativeTime(updatedAt, nowMs)}</Tooltip>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: 'Actions',
      key: 'actions',
      width: 170,
      render: (_, portfolio) => (
        <Space size="small" wrap>
          {portfolio.permission !== 'view' && (
            <Button size="small" href={routeHash({ name: 'portfolio', id: portfolio.id })} data-testid="edit-portfolio-button">
              Edit
            </Button>
          )}
          {/* Deleting needs admin on the portfolio: its owner, an admin, or someone granted admin. */}
          {portfolio.permission === 'admin' && (
            <ConfirmDeleteButton
              name={portfolio.name}
              consequence="Dashboards that show it will say it no longer exists. This cannot be undone."
              onConfirm={() => confirmDelete(portfolio)}
              testId="delete-portfolio-button"
            />
          )}
        </Space>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="Portfolios"
        action={
          canEdit && (
            <Button type="primary" data-testid="create-portfolio-button" onClick={() => navigate({ name: 'new-portfolio' })}>
              New portfolio
            </Button>
          )
        }
      />
      {list.error && <ListLoadError error={list.error} onRetry={() => void list.refetch()} />}
      <div data-testid="portfolios-table">
        <Table<Portfolio>
          rowKey="id"
          columns={columns}
          dataSource={list.data}
          loading={list.isPending && !list.error}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          locale={{
            emptyText: canEdit ? 'No portfolios yet. Create one to see its VaR, stress tests and limits.' : 'No portfolios yet.',
          }}
        />
      </div>
    </Flex>
  );
}
