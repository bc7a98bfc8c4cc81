import { Flex, Progress, Tag, Typography } from 'antd';
import type { BacktestRun } from '../lab-api.ts';
import { paramsText, runName, runTime } from './run-label.ts';

const STATUS_COLORS: Record<string, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const seconds = (ms: number | null) =>
  ms === null ? '' : ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;

/** Which run this is: its number, strategy version, market, range, params and when it ran; progress while it runs. */
export function ReportHeader({ run }: { run: BacktestRun }) {
  const active = run.status === 'queued' || run.status === 'running';
  const range = run.result ? `${day(run.result.from)} → ${day(run.result.to)}` : `${day(run.from)} → ${day(run.to)}`;
  return (
    <Flex vertical gap={4}>
      <Flex align="baseline" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
          {runName(run)}
        </Typography.Title>
        <Typography.Text type="secondary">
          {run.strategyName ?? 'Deleted strategy'} v{run.version}
        </Typography.Text>
        <Tag color={STATUS_COLORS[run.status]} data-testid="report-status">
          {run.status}
          {run.status === 'done' && run.durationMs !== null ? ` in ${seconds(run.durationMs)}` : ''}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" data-testid="report-subtitle" style={{ fontSize: 13 }}>
        {run.symbol} {run.timeframe} · {range} · {paramsText(run.params)} · initial cash{' '}
        {run.config.initialCash.toLocaleString('en-US')} · ran {runTime(run.createdAt)}
        {run.createdBy ? ` by ${run.createdBy}` : ''}
      </Typography.Text>
      {active && (
        <Flex vertical gap={4}>
          <Typography.Text>{run.status === 'queued' ? 'Waiting for a worker…' : 'Running the backtest…'}</Typography.Text>
          <Progress data-testid="backtest-progress" percent={Math.round(run.progress * 100)} status="active" />
        </Flex>
      )}
      {run.status === 'failed' && (
        <Progress data-testid="backtest-progress" percent={Math.round(run.progress * 100)} status="exception" />
      )}
    </Flex>
  );
}
