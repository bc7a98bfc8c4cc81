import { Alert, Flex, Grid, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { describeApiError } from '../../api/api-error.ts';
import { type ChartLine, CurveChart } from './CurveChart.tsx';
import { BUY_AND_HOLD_COLOR, SERIES_COLORS } from './chart-options.ts';
import { MonthlyHeatmap } from './MonthlyHeatmap.tsx';
import { type TearSheetData, useTearSheet } from './report-api.ts';
import { formatMetric, metricHover, metricTone } from './tear-sheet-model.ts';

const GROUP_TITLES: Record<string, string> = {
  returns: 'Returns',
  risk: 'Risk',
  ratios: 'Risk-adjusted',
  drawdown: 'Drawdown',
  distribution: 'Distribution',
  trades: 'Trades',
  benchmark: 'Against the benchmark',
};

const percentText = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)} %`);
const dateText = (time: number | null) => (time === null ? 'not recovered' : new Date(time).toISOString().slice(0, 10));
/** On a phone: 22-03-31, so the five columns fit 390 px without a sideways scroll. */
const shortDateText = (time: number | null) => (time === null ? 'open' : new Date(time).toISOString().slice(2, 10));

/** The metrics of one group as labelled cells; hovering a label shows its formula and conventions. */
function MetricCells({ metrics }: { metrics: TearSheetData['metrics'] }) {
  return (
    <div className="nautilus-report-metrics">
      {metrics.map((metric) => (
        <div key={metric.id} className="nautilus-report-metric" data-metric={metric.id}>
          <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{metricHover(metric)}</span>}>
            <span className="label nautilus-tear-sheet-label">{metric.label}</span>
          </Tooltip>
          <span className={`value${metricTone(metric) ? ` ${metricTone(metric)}` : ''}`}>{formatMetric(metric)}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * A finished run's tear sheet (the report's "Tear sheet" tab): every figure by group with its formula
 * on hover, daily VaR / ES, the monthly-returns heatmap, rolling Sharpe and volatility, the drawdown
 * chart with its periods, and the equity against the benchmark.
 */
export function TearSheetTab({ runId, intraday }: { runId: string; intraday: boolean }) {
  const sheet = useTearSheet(runId, true);
  const phone = Grid.useBreakpoint().md === false;
  const data = sheet.data;
  const groups = useMemo(() => {
    const byGroup = new Map<string, TearSheetData['metrics']>();
    for (const metric of data?.metrics ?? []) byGroup.set(metric.group, [...(byGroup.get(metric.group) ?? []), metric]);
    return [...byGroup.entries()];
  }, [data]);
  const rollingSharpe = useMemo(
    (): ChartLine[] =>
      data
        ? [
            {
              name: `Sharpe (${data.rolling.window} periods)`,
              time: data.rolling.time,
              values: data.rolling.sharpe.map((value) => value ?? Number.NaN),
              color: SERIES_COLORS[0]!,
            },
          ]
        : [],
    [data],
  );
  const rollingVolatility = useMemo(
    (): ChartLine[] =>
      data
        ? [
            {
              name: `Volatility (${data.rolling.window} periods, %)`,
              time: data.rolling.time,
              values: data.rolling.volatility.map((value) => value * 100),
              color: SERIES_COLORS[1]!,
            },
          ]
        : [],
    [data],
  );
  const drawdown = useMemo(
    (): ChartLine[] =>
      data
        ? [
            {
              name: 'Drawdown (%)',
              time: data.drawdown.time,
              values: data.drawdown.series.map((value) => value * 100),
              color: '#ef5350',
              area: true,
            },
          ]
        : [],
    [data],
  );
  const overlay = useMemo((): ChartLine[] => {
    const benchmark = data?.benchmark;
    if (!benchmark) return [];
    return [
      { name: 'Equity', time: benchmark.time, values: benchmark.strategy, color: SERIES_COLORS[0]! },
      {
        name: `${benchmark.name ?? 'Benchmark'} (rebased)`,
        time: benchmark.time,
        values: benchmark.rebased,
        color: BUY_AND_HOLD_COLOR,
        dashed: true,
      },
    ];
  }, [data]);

  if (sheet.isPending) return <Skeleton active data-testid="tear-sheet-loading" />;
  if (sheet.error || !data) {
    return (
      <Alert type="error" showIcon title={`The tear sheet could not be computed: ${describeApiError(sheet.error).message}`} />
    );
  }
  const risk = data.risk;
  return (
    <Flex vertical gap={12} data-testid="tear-sheet">
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="tear-sheet-conventions">
        From {data.source}. Annualised with P = {Number(data.periodsPerYear.value.toFixed(2))} periods a year (
        {data.periodsPerYear.rule}); risk-free rate {(data.riskFreeRate * 100).toFixed(2)} %. Benchmark:{' '}
        {data.benchmark
          ? `${data.benchmark.name ?? data.benchmarkSource?.symbol} daily closes, ${data.benchmark.commonPoints} common dates (${data.benchmark.strategyOnly} run-only and ${data.benchmark.benchmarkOnly} benchmark-only dates dropped).`
          : (data.benchmarkError ?? 'none.')}{' '}
        Hover a label for its formula.
      </Typography.Text>
      {groups.map(([group, metrics]) => (
        <section key={group} data-testid={`tear-sheet-${group}`}>
          <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
            {GROUP_TITLES[group] ?? group}
          </Typography.Title>
          <MetricCells metrics={metrics} />
          {group === 'risk' && risk && (
            <div className="nautilus-report-metrics" style={{ marginTop: 8 }} data-testid="tear-sheet-var">
              {[
                ['VaR', risk.varPct, 'loss not exceeded on (confidence) of days'],
                ['ES', risk.esPct, 'mean loss on the days beyond VaR'],
              ].map(([label, value, meaning]) => (
                <div key={label as string} className="nautilus-report-metric" data-metric={label as string}>
                  <Tooltip
                    title={`Daily ${label} at ${(risk.confidence * 100).toFixed(1)} %, ${risk.method} model of the configured risk plugin, on the run's daily equity (${risk.observations ?? 0} returns): ${meaning}, as a fraction of the last equity.${risk.error ? ` ${risk.error}` : ''}`}
                  >
                    <span className="label nautilus-tear-sheet-label">
                      {label as string} {(risk.confidence * 100).toFixed(0)} % (1 day)
                    </span>
                  </Tooltip>
                  <span className="value">{percentText(value as number | null)}</span>
                </div>
              ))}
            </div>
          )}
        </section>
      ))}
      <section>
        <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
          Monthly returns
        </Typography.Title>
        <MonthlyHeatmap monthly={data.monthlyReturns} yearly={data.yearlyReturns} />
      </section>
      <section>
        <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
          Rolling Sharpe and volatility
        </Typography.Title>
        <CurveChart
          lines={rollingSharpe}
          unit="ratio"
          testId="rolling-sharpe-chart"
          height={phone ? 140 : 170}
          intraday={intraday}
        />
        <CurveChart
          lines={rollingVolatility}
          unit="percent"
          testId="rolling-volatility-chart"
          height={phone ? 140 : 170}
          intraday={intraday}
        />
      </section>
      <section>
        <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
          Drawdowns
        </Typography.Title>
        <CurveChart
          lines={drawdown}
          unit="percent"
          testId="tear-sheet-drawdown-chart"
          height={phone ? 130 : 160}
          intraday={intraday}
        />
        <Table
          data-testid="drawdown-periods"
          className="nautilus-drawdown-periods"
          size="small"
          rowKey="peakTime"
          pagination={false}
          dataSource={data.drawdown.periods}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: 'Depth', dataIndex: 'depth', align: 'right', render: (value: number) => percentText(-value) },
            { title: 'Peak', dataIndex: 'peakTime', render: phone ? shortDateText : dateText },
            { title: 'Trough', dataIndex: 'troughTime', render: phone ? shortDateText : dateText },
            { title: 'Recovery', dataIndex: 'recoveryTime', render: phone ? shortDateText : dateText },
            {
              title: phone ? 'Periods' : 'Length',
              dataIndex: 'length',
              align: 'right',
              render: (value: number) => (phone ? String(value) : `${value} periods`),
            },
          ]}
        />
      </section>
      {overlay.length > 0 && (
        <section>
          <Typography.Title level={5} style={{ margin: '0 0 6px' }}>
            Equity against the benchmark
          </Typography.Title>
          <CurveChart lines={overlay} unit="money" testId="benchmark-chart" height={phone ? 180 : 220} intraday={intraday} />
        </section>
      )}
    </Flex>
  );
}
