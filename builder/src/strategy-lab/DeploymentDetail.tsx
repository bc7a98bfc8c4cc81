import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Empty, List, Row, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { curveRange, equityFrame, money } from './lab-format.ts';
import { ResultChart } from './ResultChart.tsx';
import { RiskEventsTable } from './RiskEventsTable.tsx';
import { riskEventRows } from './risk-events.ts';

/** One deployment's recent equity, trades and log, from `deployments.get` polled every second while it runs. */
export function DeploymentDetail({ id }: { id: string }) {
  const detail = useQuery({
    queryKey: ['deployments', 'get', id],
    queryFn: ({ signal }) => trpc.deployments.get.query({ id }, { signal }),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 1_000),
    staleTime: 0,
  });
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
