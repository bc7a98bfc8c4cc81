import type { Trade } from '@nautilus/sdk';
import { Alert, Badge, Card, Col, Flex, Progress, Row, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { BacktestRun } from './lab-api.ts';
import { curveFrames, curveRange, metricRows, money, percent } from './lab-format.ts';
import { OrdersTable } from './OrdersTable.tsx';
import { orderRows, rejectedCount } from './order-rows.ts';
import { ResultChart } from './ResultChart.tsx';
import { RiskEventsTable } from './RiskEventsTable.tsx';
import { countRiskEvents, riskEventRows } from './risk-events.ts';

const time = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const tradeColumns: TableColumnsType<Trade & { key: number }> = [
  {
    title: 'Side',
    dataIndex: 'side',
    width: 80,
    render: (side: string) => <Tag color={side === 'long' ? 'green' : 'red'}>{side}</Tag>,
  },
  { title: 'Qty', dataIndex: 'quantity', align: 'right', width: 80 },
  { title: 'Entry', dataIndex: 'entryTime', render: time },
  { title: 'Entry price', dataIndex: 'entryPrice', align: 'right', render: money },
  { title: 'Exit', dataIndex: 'exitTime', render: time },
  { title: 'Exit price', dataIndex: 'exitPrice', align: 'right', render: money },
  {
    title: 'PnL',
    dataIndex: 'pnl',
    align: 'right',
    render: (pnl: number) => <Typography.Text type={pnl < 0 ? 'danger' : 'success'}>{money(pnl)}</Typography.Text>,
  },
  { title: 'Return', dataIndex: 'return', align: 'right', render: (value: number) => percent(value) },
];

/** Progress while a run works; its metrics, equity and drawdown charts and trades once done. */
export function BacktestResults({ run }: { run: BacktestRun }) {
  const result = run.result;
  const charts = useMemo(
    () => (result ? { ...curveFrames(result.curve), range: curveRange(result.curve) } : undefined),
    [result],
  );
  const trades = useMemo(() => (result?.trades ?? []).map((trade, key) => ({ ...trade, key })), [result]);
  const orders = useMemo(() => orderRows(result?.orders ?? []), [result]);
  const rejected = result ? rejectedCount(result) : 0;
  // Runs stored before limits existed have no riskEvents.
  const riskEvents = useMemo(() => riskEventRows(result?.riskEvents ?? []), [result]);
  const eventCounts = countRiskEvents(riskEvents);
  const eventTotal = riskEvents.length + (result?.dropped.riskEvents ?? 0);
  const hadLimits = (run.config.limits?.limits.length ?? 0) > 0;

  if (run.status === 'queued' || run.status === 'running') {
    return (
      <Flex vertical gap={8}>
        <Typography.Text>{run.status === 'queued' ? 'Waiting for a worker…' : 'Running the backtest…'}</Typography.Text>
        <Progress data-testid="backtest-progress" percent={Math.round(run.progress * 100)} status="active" />
      </Flex>
    );
  }
  if (run.status === 'failed') {
    return (
      <Flex vertical gap={8}>
        <Progress data-testid="backtest-progress" percent={Math.round(run.progress * 100)} status="exception" />
        <Alert
          data-testid="backtest-error"
          type="error"
          showIcon
          title="The backtest failed"
          description={run.error ? `${run.error.message}` : undefined}
        />
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Progress data-testid="backtest-progress" percent={100} status="success" />
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          {run.metrics && (
            <Table
              data-testid="backtest-metrics"
              size="small"
              rowKey="key"
              pagination={false}
              showHeader={false}
              dataSource={metricRows(run.metrics)}
              columns={[
                { dataIndex: 'label', render: (label: string) => <Typography.Text strong>{label}</Typography.Text> },
                { dataIndex: 'value', align: 'right' },
              ]}
              onRow={(row) => ({ 'data-metric': row.key }) as React.HTMLAttributes<HTMLElement>}
            />
          )}
        </Col>
        <Col xs={24} lg={17}>
          {charts && (
            <Flex vertical gap={12}>
              <Card size="small" title="Equity">
                <ResultChart testId="equity-chart" frame={charts.equity} range={charts.range} />
              </Card>
              <Card size="small" title="Drawdown (%)">
                <ResultChart testId="drawdown-chart" frame={charts.drawdown} range={charts.range} area height={180} />
              </Card>
            </Flex>
          )}
        </Col>
      </Row>
      <Card size="small">
        <Tabs
          size="small"
          items={[
            {
              key: 'trades',
              label: `Trades (${result?.stored.trades.total ?? trades.length})`,
              children: (
                <Table
                  data-testid="backtest-trades"
                  size="small"
                  columns={tradeColumns}
                  dataSource={trades}
                  pagination={{ pageSize: 10 }}
                  scroll={{ x: 'max-content' }}
                />
              ),
            },
            {
              key: 'orders',
              label: (
                <span data-testid="orders-tab">
                  Orders ({result?.stored.orders.total ?? orders.length})
                  {rejected > 0 && (
                    <Typography.Text type="danger" data-testid="rejected-count">
                      {' '}
                      · {rejected} rejected
                    </Typography.Text>
                  )}
                </span>
              ),
              children: (
                <Flex vertical gap={8}>
                  {result && orders.length < result.stored.orders.total && (
                    <Typography.Text type="secondary">
                      The first {orders.length} of {result.stored.orders.total} orders are listed.
                    </Typography.Text>
                  )}
                  <OrdersTable rows={orders} />
                </Flex>
              ),
            },
            {
              key: 'risk-events',
              label: (
                <span data-testid="risk-events-tab">
                  Risk events{' '}
                  <Badge
                    data-testid="risk-events-count"
                    count={eventTotal}
                    showZero
                    overflowCount={9999}
                    color={eventCounts.denial + eventCounts.breach > 0 ? 'red' : eventTotal > 0 ? 'gold' : 'grey'}
                    size="small"
                  />
                </span>
              ),
              children: (
                <Flex vertical gap={8}>
                  {riskEvents.length > 0 && (
                    <Typography.Text type="secondary">
                      {eventCounts.denial} denied orders, {eventCounts.warning} warnings, {eventCounts.breach} breaches
                      {eventTotal > riskEvents.length && ` (the first ${riskEvents.length} of ${eventTotal} are listed)`}.
                    </Typography.Text>
                  )}
                  <RiskEventsTable
                    rows={riskEvents}
                    testId="risk-events-table"
                    emptyText={
                      hadLimits
                        ? 'No order came near a limit.'
                        : 'This run had no limits. Add some under Risk limits to check every order against them.'
                    }
                  />
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
