import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { type BacktestRunSummary, labKeys, useBacktestRuns } from './lab-api.ts';
import { metricRows, percent } from './lab-format.ts';

const statusColor: Record<string, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

const paramsText = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ') || 'defaults';

const runLabel = (run: BacktestRunSummary) => `v${run.version} ${run.symbol} ${run.timeframe} (${paramsText(run.params)})`;

/** The strategy's past runs; pick one to show it, or two and more to compare their metrics. */
export function RunsPanel({ strategyId, onOpen }: { strategyId: string; onOpen: (id: string) => void }) {
  const runs = useBacktestRuns(strategyId);
  const [selected, setSelected] = useState<string[]>([]);
  const [comparing, setComparing] = useState<string[]>([]);
  const compare = useQuery({
    queryKey: labKeys.compare(comparing),
    queryFn: ({ signal }) => trpc.backtests.compare.query({ ids: comparing }, { signal }),
    enabled: comparing.length >= 2,
  });

  const columns: TableColumnsType<BacktestRunSummary> = [
    { title: 'Started', dataIndex: 'createdAt', render: (iso: string) => new Date(iso).toLocaleString() },
    { title: 'Version', dataIndex: 'version', width: 80, align: 'right' },
    { title: 'Market', render: (_, run) => `${run.symbol} ${run.timeframe}` },
    { title: 'Params', dataIndex: 'params', render: paramsText },
    { title: 'Status', dataIndex: 'status', render: (status: string) => <Tag color={statusColor[status]}>{status}</Tag> },
    { title: 'Return', align: 'right', render: (_, run) => percent(run.metrics?.totalReturn) },
    { title: 'Trades', align: 'right', render: (_, run) => run.metrics?.tradeCount ?? '—' },
    {
      title: '',
      width: 80,
      render: (_, run) => (
        <Button size="small" data-testid={`open-run-${run.id}`} onClick={() => onOpen(run.id)}>
          Show
        </Button>
      ),
    },
  ];

  const compared = compare.data ?? [];
  const labels = compared[0]?.metrics ? metricRows(compared[0].metrics).map((row) => ({ key: row.key, label: row.label })) : [];
  const compareRows = labels.map((row) => ({
    ...row,
    ...Object.fromEntries(
      compared.map((run) => [
        run.id,
        run.metrics ? (metricRows(run.metrics).find((item) => item.key === row.key)?.value ?? '—') : '—',
      ]),
    ),
  }));

  return (
    <Flex vertical gap={12}>
      {runs.error && <Alert type="error" showIcon title={describeApiError(runs.error).message} />}
      <Flex gap={8} align="center">
        <Button data-testid="compare-runs" disabled={selected.length < 2} onClick={() => setComparing(selected)}>
          Compare selected ({selected.length})
        </Button>
        <Typography.Text type="secondary">Select two or more finished runs to see their metrics side by side.</Typography.Text>
      </Flex>
      <Table<BacktestRunSummary>
        data-testid="backtest-runs"
        size="small"
        rowKey="id"
        loading={runs.isPending}
        columns={columns}
        dataSource={runs.data ?? []}
        pagination={{ pageSize: 10 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (run) => ({ disabled: run.status !== 'done' }),
        }}
      />
      {comparing.length >= 2 && (
        <>
          {compare.error && <Alert type="error" showIcon title={describeApiError(compare.error).message} />}
          <Table
            data-testid="compare-table"
            size="small"
            rowKey="key"
            loading={compare.isPending}
            pagination={false}
            dataSource={compareRows}
            columns={[
              { title: 'Metric', dataIndex: 'label', fixed: 'left' },
              ...compared.map((run) => ({ title: runLabel(run), dataIndex: run.id, align: 'right' as const })),
            ]}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Flex>
  );
}
