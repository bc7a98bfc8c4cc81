import { Alert, Card, Flex, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { metricRows } from '../lab-format.ts';
import { CurveChart } from './CurveChart.tsx';
import { buyAndHoldSources, comparisonLines } from './comparison-lines.ts';
import { useComparedRuns, useRunsBars, useTearSheets } from './report-api.ts';
import { paramsText, runName, runTime } from './run-label.ts';
import { tearSheetComparison } from './tear-sheet-model.ts';

/**
 * Two or more runs compared: their equity curves overlaid as percent gained since each run's start,
 * with buy & hold of their instrument, and their metrics side by side.
 */
export function RunComparison({ ids }: { ids: string[] }) {
  const compared = useComparedRuns(ids);
  const runs = useMemo(() => compared.data ?? [], [compared.data]);
  const sources = useMemo(() => buyAndHoldSources(runs), [runs]);
  const bars = useRunsBars(sources.map((source) => source.id));
  const lines = useMemo(() => {
    const byRun = new Map(
      sources.flatMap((source, index) => (bars.data[index] ? [[source.id, bars.data[index]!] as const] : [])),
    );
    return comparisonLines(runs, byRun);
  }, [runs, sources, bars.data]);
  const sheets = useTearSheets(runs.filter((run) => run.status === 'done').map((run) => run.id));
  const sheetRows = useMemo(
    () =>
      tearSheetComparison(
        runs.map((run) => run.id),
        runs.map((run) => sheets.data[runs.filter((item) => item.status === 'done').indexOf(run)]),
      ),
    [runs, sheets.data],
  );
  const barsPending = bars.pending;
  const barsError = bars.error;

  const labels = runs[0]?.metrics ? metricRows(runs[0].metrics).map((row) => ({ key: row.key, label: row.label })) : [];
  const rows = labels.map((row) => ({
    ...row,
    ...Object.fromEntries(
      runs.map((run) => [
        run.id,
        run.metrics ? (metricRows(run.metrics).find((item) => item.key === row.key)?.value ?? '—') : '—',
      ]),
    ),
  }));

  if (compared.error) return <Alert type="error" showIcon title={describeApiError(compared.error).message} />;
  return (
    <Card size="small" title={`Comparing ${ids.length} runs`} data-testid="run-comparison" className="nautilus-report-card">
      <Flex vertical gap={8}>
        {compared.isPending || barsPending ? (
          <Skeleton.Node active style={{ width: '100%', height: 300 }} />
        ) : (
          <CurveChart
            lines={lines}
            unit="percent"
            testId="compare-chart"
            height={300}
            intraday={runs.some((run) => run.timeframe !== '1d')}
          />
        )}
        {barsError && <Alert type="warning" showIcon title={`Buy & hold is missing: ${describeApiError(barsError).message}`} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Each line is the percent gained since its run's start (equity over its initial cash), so runs of any size compare; buy &
          hold (dashed) holds the instrument from the first open without costs.
        </Typography.Text>
        <Table
          data-testid="compare-table"
          size="small"
          rowKey="key"
          loading={compared.isPending}
          pagination={false}
          dataSource={rows}
          columns={[
            { title: 'Metric', dataIndex: 'label', fixed: 'left' },
            ...runs.map((run) => ({
              title: (
                <span title={runTime(run.createdAt)}>
                  {runName(run)}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    v{run.version} · {paramsText(run.params)}
                  </Typography.Text>
                </span>
              ),
              dataIndex: run.id,
              align: 'right' as const,
            })),
          ]}
          scroll={{ x: 'max-content' }}
        />
        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          Tear sheets side by side
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Each against the simulated index, from its daily equity; hover a metric for its formula and conventions.
        </Typography.Text>
        <Table
          data-testid="compare-tear-sheet"
          size="small"
          rowKey="key"
          loading={sheets.pending}
          pagination={false}
          dataSource={sheetRows}
          columns={[
            {
              title: 'Metric',
              dataIndex: 'label',
              fixed: 'left',
              render: (label: string, row: (typeof sheetRows)[number]) => (
                <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{row.hover}</span>}>
                  <span className="nautilus-tear-sheet-label">{label}</span>
                </Tooltip>
              ),
            },
            ...runs.map((run) => ({
              title: runName(run),
              key: run.id,
              align: 'right' as const,
              render: (_: unknown, row: (typeof sheetRows)[number]) => row.values[run.id] ?? '—',
            })),
          ]}
          scroll={{ x: 'max-content' }}
        />
      </Flex>
    </Card>
  );
}
