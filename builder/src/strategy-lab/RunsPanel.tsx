import { Alert, Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { routeHash } from '../routing/route.ts';
import { type BacktestRunSummary, useBacktestRuns } from './lab-api.ts';
import { percent } from './lab-format.ts';
import { RunComparison } from './report/RunComparison.tsx';
import { paramsText, runName, runTime } from './report/run-label.ts';

const statusColor: Record<string, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
// Short cells stay on one line; the table scrolls sideways on a phone instead of breaking `SIM:AAPL`.
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** The strategy's past runs, each by number, params and time; open one's report, or compare two and more. */
export function RunsPanel({ strategyId, onOpen }: { strategyId: string; onOpen: (id: string) => void }) {
  const runs = useBacktestRuns(strategyId);
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState<string[]>([]);
  const listed = runs.data ?? [];
  // Run numbers count every run of the strategy: the newest one's number says how many there are.
  const total = listed[0]?.number ?? 0;

  const columns: TableColumnsType<BacktestRunSummary> = [
    {
      title: 'Run',
      dataIndex: 'number',
      width: 76,
      onCell: oneLine,
      render: (_, run) => (
        <Typography.Text strong data-testid={`run-number-${run.id}`}>
          {runName(run)}
        </Typography.Text>
      ),
    },
    { title: 'Started', dataIndex: 'createdAt', width: 140, onCell: oneLine, render: (iso: string) => runTime(iso) },
    { title: 'Version', dataIndex: 'version', width: 72, align: 'right', render: (version: number) => `v${version}` },
    { title: 'Market', onCell: oneLine, render: (_, run) => `${run.symbol} ${run.timeframe}` },
    { title: 'Params', dataIndex: 'params', render: paramsText },
    { title: 'Status', dataIndex: 'status', render: (status: string) => <Tag color={statusColor[status]}>{status}</Tag> },
    { title: 'Return', align: 'right', onCell: oneLine, render: (_, run) => percent(run.metrics?.totalReturn) },
    { title: 'Trades', align: 'right', render: (_, run) => run.metrics?.tradeCount ?? '—' },
    {
      title: '',
      width: 90,
      render: (_, run) => (
        <Button
          size="small"
          data-testid={`open-run-${run.id}`}
          href={routeHash({ name: 'strategy', id: strategyId, run: run.id })}
          onClick={() => onOpen(run.id)}
        >
          Report
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {runs.error && <Alert type="error" showIcon title={describeApiError(runs.error).message} />}
      <Flex gap={8} align="center" wrap>
        <Button data-testid="compare-runs" disabled={selected.length < 2} onClick={() => setComparing(selected)}>
          Compare selected ({selected.length})
        </Button>
        <Typography.Text type="secondary">
          Select two or more finished runs to overlay their equity with buy & hold and see their metrics side by side.
        </Typography.Text>
      </Flex>
      {total > listed.length && (
        <Typography.Text type="secondary" data-testid="runs-listed-note">
          The newest {listed.length} of {total} runs are listed.
        </Typography.Text>
      )}
      {/* Scrolled sideways by its box, not antd's scroll.x: that pins the checkbox column over its own checkboxes. */}
      <div style={{ overflowX: 'auto' }}>
        <Table<BacktestRunSummary>
          data-testid="backtest-runs"
          size="small"
          rowKey="id"
          loading={runs.isPending}
          columns={columns}
          dataSource={listed}
          pagination={{ defaultPageSize: 10, showSizeChanger: true, hideOnSinglePage: true, size: 'small' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (run) => ({ disabled: run.status !== 'done', 'aria-label': `Select ${runName(run)}` }),
          }}
        />
      </div>
      {comparing.length >= 2 && <RunComparison ids={comparing} />}
    </Flex>
  );
}
