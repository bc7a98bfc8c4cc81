import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Flex, Popconfirm, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { DeploymentDetail } from './DeploymentDetail.tsx';
import { type DeploymentSummary, labKeys, useDeployments } from './lab-api.ts';
import { money, pnlText } from './lab-format.ts';

const statusColor: Record<string, string> = { running: 'processing', stopped: 'default', failed: 'error' };

/**
 * The strategy's paper deployments with their live account, polled every second; stop and roll back.
 * `expand` opens one deployment's detail from the start (a link to it).
 */
export function DeploymentsPanel({
  strategyId,
  canEdit,
  expand,
}: {
  strategyId: string;
  canEdit: boolean;
  expand?: string | undefined;
}) {
  const deployments = useDeployments(strategyId);
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const refresh = () => queryClient.invalidateQueries({ queryKey: labKeys.deployments(strategyId) });

  const stop = useMutation({
    mutationFn: (id: string) => trpc.deployments.stop.mutate({ id }),
    onSuccess: () => void message.success('Deployment stopped.'),
    onError: (error) => void message.error(`Not stopped: ${describeApiError(error).message}`),
    onSettled: refresh,
  });
  const rollback = useMutation({
    mutationFn: ({ id, confirm }: { id: string; confirm?: boolean }) =>
      trpc.deployments.rollback.mutate({ id, ...(confirm ? { confirm } : {}) }),
    onSuccess: ({ deployed }) => void message.success(`Rolled back: version ${deployed.version} is deployed.`),
    onError: (error, { id }) => {
      const problem = describeApiError(error);
      // The version it would deploy failed its last run: ask before deploying it anyway.
      if (problem.code === 'CONFLICT' && problem.details?.confirm === 'last-run-failed') {
        modal.confirm({
          title: `Version ${String(problem.details.version)} failed its last run`,
          content: problem.message.replace(/ Send confirm: true\.$/, ''),
          okText: 'Roll back anyway',
          okButtonProps: { danger: true, 'data-testid': 'confirm-rollback' } as ButtonProps,
          onOk: () => rollback.mutateAsync({ id, confirm: true }),
        });
        return;
      }
      void message.error(`Not rolled back: ${problem.message}`);
    },
    onSettled: refresh,
  });

  const columns: TableColumnsType<DeploymentSummary> = [
    {
      title: 'Status',
      dataIndex: 'status',
      render: (status: string, deployment) => (
        <Tooltip title={deployment.stopReason ?? undefined}>
          <Tag data-testid={`deployment-status-${deployment.id}`} color={statusColor[status]}>
            {status}
          </Tag>
        </Tooltip>
      ),
    },
    { title: 'Version', dataIndex: 'version', align: 'right', width: 80 },
    { title: 'Market', render: (_, deployment) => `${deployment.symbol} ${deployment.timeframe}` },
    { title: 'Bars', align: 'right', render: (_, deployment) => deployment.account?.bars ?? '—' },
    { title: 'Last price', align: 'right', render: (_, deployment) => money(deployment.account?.lastPrice) },
    { title: 'Position', align: 'right', render: (_, deployment) => deployment.account?.position.quantity ?? '—' },
    {
      title: 'Equity',
      align: 'right',
      render: (_, deployment) => (
        <span data-testid={`deployment-equity-${deployment.id}`}>{money(deployment.account?.equity)}</span>
      ),
    },
    {
      title: 'PnL',
      align: 'right',
      render: (_, deployment) => pnlText(deployment.account?.pnl, deployment.account?.initialCash),
    },
    {
      title: 'Live PnL',
      align: 'right',
      render: (_, deployment) => {
        const account = deployment.account;
        return account && account.liveEquity !== null ? pnlText(account.equity - account.liveEquity, account.liveEquity) : '—';
      },
    },
    { title: 'Started', dataIndex: 'startedAt', render: (iso: string) => new Date(iso).toLocaleString() },
    {
      title: '',
      render: (_, deployment) =>
        canEdit && (
          <Flex gap={4}>
            {deployment.status === 'running' && (
              <Popconfirm title="Stop this deployment?" okText="Stop" onConfirm={() => stop.mutateAsync(deployment.id)}>
                <Button size="small" danger data-testid={`stop-deployment-${deployment.id}`}>
                  Stop
                </Button>
              </Popconfirm>
            )}
            {deployment.version > 1 && (
              <Popconfirm
                title="Stop it and deploy the version before it?"
                description="Drafts are skipped; a version that does not type-check is refused."
                okText="Roll back"
                onConfirm={() => rollback.mutateAsync({ id: deployment.id }).catch(() => {})}
              >
                <Button size="small" data-testid={`rollback-deployment-${deployment.id}`}>
                  Rollback
                </Button>
              </Popconfirm>
            )}
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={8}>
      {deployments.error && <Alert type="error" showIcon title={describeApiError(deployments.error).message} />}
      <Table<DeploymentSummary>
        data-testid="deployments-table"
        size="small"
        rowKey="id"
        loading={deployments.isPending}
        columns={columns}
        dataSource={deployments.data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (deployment) => <DeploymentDetail id={deployment.id} />,
          defaultExpandedRowKeys: expand ? [expand] : [],
        }}
        locale={{ emptyText: 'Not deployed yet.' }}
      />
    </Flex>
  );
}
