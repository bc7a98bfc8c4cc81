import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import type { User } from '../api/types.ts';
import { canEditDashboards } from '../auth/permissions.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import { navigate } from '../routing/navigation.ts';
import { routeHash } from '../routing/route.ts';
import { ConfirmDeleteButton, ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { labKeys, type StrategySummary, useStrategyList } from './lab-api.ts';
import { NewStrategyDialog } from './NewStrategyDialog.tsx';
import type { StrategyExample } from './template.ts';

/** Every strategy, and a button that starts a new one: it asks for a name and an example to start from. */
export function StrategiesPage({ user }: { user: User }) {
  const list = useStrategyList();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const canEdit = canEditDashboards(user.role);
  const nowMs = Date.now();
  const [asking, setAsking] = useState(false);

  const create = useMutation({
    mutationFn: ({ name, example }: { name: string; example: StrategyExample }) =>
      trpc.strategies.create.mutate({ source: example.source, name, message: `Created from the ${example.title} example` }),
    onSuccess: async ({ id }) => {
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: labKeys.strategies });
      navigate({ name: 'strategy', id });
    },
  });

  const remove = useMutation({
    mutationFn: (strategy: StrategySummary) => trpc.strategies.delete.mutate({ id: strategy.id }),
    onSuccess: (_, strategy) => void message.success(`Strategy “${strategy.name}” deleted.`),
    onError: (error) => void message.error(`Not deleted: ${describeApiError(error).message}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: labKeys.strategies }),
  });

  const columns: TableColumnsType<StrategySummary> = [
    {
      title: 'Name',
      dataIndex: 'name',
      render: (name: string, strategy) => (
        <a href={routeHash({ name: 'strategy', id: strategy.id })} data-testid={`strategy-link-${strategy.id}`}>
          {name}
        </a>
      ),
    },
    { title: 'Description', dataIndex: 'description', ellipsis: true },
    { title: 'Version', dataIndex: 'latestVersion', width: 90, align: 'right' },
    {
      title: 'Deployments',
      dataIndex: 'runningDeployments',
      width: 130,
      render: (count: number) => (count > 0 ? <Tag color="green">{count} running</Tag> : null),
    },
    {
      title: 'Updated',
      dataIndex: 'updatedAt',
      width: 220,
      render: (updatedAt: string) => formatRelativeTime(updatedAt, nowMs),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            width: 100,
            // Deleting needs admin on the strategy: its owner, an admin, or someone granted admin.
            render: (_: unknown, strategy: StrategySummary) =>
              strategy.permission === 'admin' && (
                <ConfirmDeleteButton
                  name={strategy.name}
                  consequence="Its versions, backtest runs and stopped deployments go with it."
                  onConfirm={() => remove.mutateAsync(strategy)}
                  disabled={strategy.runningDeployments > 0}
                  testId={`delete-strategy-${strategy.id}`}
                />
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="Strategies"
        action={
          canEdit && (
            <Button
              type="primary"
              data-testid="new-strategy"
              onClick={() => {
                create.reset();
                setAsking(true);
              }}
            >
              New strategy
            </Button>
          )
        }
      />
      {list.error && <ListLoadError error={list.error} onRetry={() => void list.refetch()} />}
      {asking && (
        <NewStrategyDialog
          taken={(list.data ?? []).map((strategy) => strategy.name)}
          creating={create.isPending}
          error={create.error ? `Not created: ${describeApiError(create.error).message}` : undefined}
          onCreate={(choice) => create.mutate(choice)}
          onClose={() => setAsking(false)}
        />
      )}
      <Table<StrategySummary>
        data-testid="strategies-table"
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: canEdit ? 'No strategies yet: start one with New strategy.' : 'No strategies yet.' }}
      />
    </Flex>
  );
}
