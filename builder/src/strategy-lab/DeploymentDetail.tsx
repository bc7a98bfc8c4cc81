import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Empty, List, Row, Spin, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc, watchClient } from '../api/trpc.ts';
import { applyDeploymentEvent, type DeploymentRecord, type DeploymentWatchEvent } from './deployment-events.ts';
import { curveRange, equityFrame, money } from './lab-format.ts';
import { ResultChart } from './ResultChart.tsx';
import { RiskEventsTable } from './RiskEventsTable.tsx';
import { riskEventRows } from './risk-events.ts';

/**
 * One deployment's recent equity, trades, log and limit findings. While it runs, its events arrive
 * pushed by `deployments.watch` (server-sent events) and are applied to the record as they come; a
 * slow poll of `deployments.get` stays as the fallback should the event stream drop.
 */
export function DeploymentDetail({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ['deployments', 'get', id] as const, [id]);
  const detail = useQuery({
    queryKey,
    queryFn: ({ signal }) => trpc.deployments.get.query({ id }, { signal }),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 10_000),
    staleTime: 0,
  });
  const running = detail.data?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const subscription = watchClient.deployments.watch.subscribe(
      { id },
      {
        onData: (event) =>
          queryClient.setQueryData<DeploymentRecord>(queryKey, (record) =>
            record ? applyDeploymentEvent(record, event as DeploymentWatchEvent) : record,
          ),
        // The poll above carries on; the stream is only the fast path.
        onError: () => {},
      },
    );
    return () => subscription.unsubscribe();
  }, [id, running, queryClient, queryKey]);
  const activity = detail.data?.activity;
  // The live limit findings, newest first (a deployment recorded before limits existed has none).
  const riskEvents = useMemo(() => riskEventRows(activity?.riskEvents ?? [], true), [activity?.riskEvents]);
  const riskEventTotal = activity?.totals.riskEvents ?? riskEvents.length;
  const hadLimits = (detail.data?.config.limits?.limits.length ?? 0) > 0;
  const frame = useMemo(() => equityFrame(activity?.equity), [activity?.equity]);
  const range = useMemo(
    () => curveRange({ time: activity?.equity.time ?? [], equity: [], drawdown: [] }),
    [activity?.equity.time],
  );

  if (detail.error) return <Alert type="error" showIcon title={describeApiError(detail.error).message} />;
  if (!detail.data) return <Spin />;
  return (
    <Row gutter={16} data-testid={`deployment-detail-${id}`}>
      <Col xs={24} lg={14}>
        {detail.data.error && <Alert type="error" showIcon title={detail.data.error.message} style={{ marginBottom: 8 }} />}
        {frame ? (
          <ResultChart testId={`deployment-equity-chart-${id}`} frame={frame} range={range} height={200} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No bars yet." />
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Text strong>Recent trades ({activity?.totals.trades ?? 0})</Typography.Text>
        <List
          size="small"
          dataSource={(activity?.trades ?? []).slice(-5).reverse()}
          locale={{ emptyText: 'No closed trades yet.' }}
          renderItem={(trade) => (
            <List.Item>
              {trade.side} {trade.quantity} @ {money(trade.entryPrice)} → {money(trade.exitPrice)}:{' '}
              <Typography.Text type={trade.pnl < 0 ? 'danger' : 'success'}>{money(trade.pnl)}</Typography.Text>
            </List.Item>
          )}
        />
        <Typography.Text strong>Log</Typography.Text>
        <pre style={{ maxHeight: 120, overflow: 'auto', fontSize: 12, margin: 0 }}>
          {(activity?.logs ?? [])
            .slice(-20)
            .map((line) => `${new Date(line.time).toISOString().slice(0, 16)} ${line.message}`)
            .join('\n') || 'No log lines.'}
        </pre>
      </Col>
      {(hadLimits || riskEvents.length > 0) && (
        <Col span={24} style={{ marginTop: 8 }}>
          <Typography.Text strong>
            Risk events ({riskEventTotal}
            {riskEventTotal > riskEvents.length && `, the latest ${riskEvents.length} listed`})
          </Typography.Text>
          <RiskEventsTable
            rows={riskEvents}
            testId={`deployment-risk-events-${id}`}
            emptyText="No order has come near a limit yet."
          />
        </Col>
      )}
    </Row>
  );
}
