import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Empty, Flex, List, Row, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc, watchClient } from '../api/trpc.ts';
import { DeploymentExecution } from './DeploymentExecution.tsx';
import { applyDeploymentEvent, type DeploymentRecord, type DeploymentWatchEvent } from './deployment-events.ts';
import { curveRange, equityFrame, money } from './lab-format.ts';
import { dueIn, nextBarDue } from './next-bar.ts';
import { ResultChart } from './ResultChart.tsx';
import { RiskEventsTable } from './RiskEventsTable.tsx';
import { riskEventRows } from './risk-events.ts';
import { useLiveDeployment } from './useLiveDeployment.ts';

/**
 * One deployment's recent equity, trades, log and limit findings. While it runs, its events arrive
 * pushed by `deployments.watch` (server-sent events) and are applied to the record as they come; a
 * slow poll of `deployments.get` stays as the fallback should the event stream drop.
 */
export function DeploymentDetail({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ['deployments', 'get', id] as const, [id]);
  const liveRef = useRef(false);
  const detail = useQuery({
    queryKey,
    queryFn: ({ signal }) => trpc.deployments.get.query({ id }, { signal }),
    refetchInterval: (query) => (liveRef.current || (query.state.data && query.state.data.status !== 'running') ? false : 10_000),
    staleTime: 0,
  });
  const running = detail.data?.status === 'running';
  // The tab's live connection carries the events when it can; the event stream below is the fallback.
  const live = useLiveDeployment(running ? id : undefined, queryKey);
  liveRef.current = live;
  useEffect(() => {
    if (!running || live) return;
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
  }, [id, running, live, queryClient, queryKey]);
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
    // The deployments table scrolls sideways on a phone; the detail stays in view at the screen's width.
    <Row
      gutter={16}
      data-testid={`deployment-detail-${id}`}
      style={{ position: 'sticky', left: 0, maxWidth: 'calc(100vw - 40px)' }}
    >
      <Col span={24} style={{ marginBottom: 8 }}>
        <DeploymentClock deployment={detail.data} />
      </Col>
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
      <Col span={24} style={{ marginTop: 8 }}>
        <Typography.Text strong>Execution quality</Typography.Text>
        <DeploymentExecution id={id} running={running} />
      </Col>
    </Row>
  );
}

const clockTime = (ms: number) => new Date(ms).toLocaleString();

/**
 * When the next bar is due (ticking while it runs), and where the warm-up ended: warm-up bars reach
 * the strategy but place no orders, so the account starts flat at the initial cash when live bars begin.
 */
function DeploymentClock({ deployment }: { deployment: DeploymentRecord }) {
  const running = deployment.status === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  const account = deployment.account;
  const lastBarTime = account && Number.isFinite(account.barTime) && account.bars > 0 ? account.barTime : null;
  const due = nextBarDue(
    { timeframe: deployment.timeframe, startedAt: deployment.startedAt, replay: deployment.replay, lastBarTime },
    now,
  );
  return (
    <Flex vertical gap={2}>
      {running && (
        <Typography.Text data-testid={`deployment-next-bar-${deployment.id}`}>
          Next {deployment.timeframe} bar due {clockTime(due)} ({dueIn(due, now)}
          {due < now ? ': the market may be closed, or the feed late' : ''})
          {lastBarTime !== null && (
            <Typography.Text type="secondary"> · last bar opened {clockTime(lastBarTime)}</Typography.Text>
          )}
        </Typography.Text>
      )}
      {account?.warmUpBars !== undefined && account.liveFrom !== undefined ? (
        <Typography.Text type="secondary" data-testid={`deployment-warm-up-${deployment.id}`}>
          Warm-up: {account.warmUpBars} bars of history before {clockTime(account.liveFrom)}, seen by the strategy without placing
          orders. The account started flat at {money(account.initialCash)} when live bars began.
        </Typography.Text>
      ) : (
        account && (
          <Typography.Text type="secondary">
            Deployed before warm-ups stopped trading: its PnL includes warm-up trades; Live PnL leaves them out.
          </Typography.Text>
        )
      )}
    </Flex>
  );
}
