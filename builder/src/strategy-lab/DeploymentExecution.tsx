import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { ExecutionTable } from './ExecutionTable.tsx';

/**
 * A paper deployment's execution quality (analytics.deploymentExecution): implementation shortfall
 * against the decision and arrival prices, slippage and fill ratio, overall and by order type.
 * Refetched every 10 s while it runs; orders change only when a bar comes.
 */
export function DeploymentExecution({ id, running }: { id: string; running: boolean }) {
  const quality = useQuery({
    queryKey: ['analytics', 'deploymentExecution', id],
    queryFn: ({ signal }) => trpc.analytics.deploymentExecution.query({ id }, { signal }),
    refetchInterval: running ? 10_000 : false,
  });
  if (quality.error) return <Typography.Text type="danger">{describeApiError(quality.error).message}</Typography.Text>;
  return <ExecutionTable data={quality.data} loading={quality.isPending} testId={`deployment-execution-${id}`} />;
}
