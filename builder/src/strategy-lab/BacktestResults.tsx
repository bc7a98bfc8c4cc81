import { Alert, Badge, Card, Flex, Grid, Skeleton, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { BacktestRun } from './lab-api.ts';
import { OrdersTable } from './OrdersTable.tsx';
import { orderRows, rejectedCount } from './order-rows.ts';
import { RiskEventsTable } from './RiskEventsTable.tsx';
import { buyAndHoldCurve } from './report/buy-and-hold.ts';
import { type ChartLine, CurveChart } from './report/CurveChart.tsx';
import { BUY_AND_HOLD_COLOR, SERIES_COLORS } from './report/chart-options.ts';
import { ExecutionTab } from './report/ExecutionTab.tsx';
import { FillsTable } from './report/FillsTable.tsx';
import { LogTable } from './report/LogTable.tsx';
import { MetricsGrid } from './report/MetricsGrid.tsx';
import { PriceChart } from './report/PriceChart.tsx';
import { ReportHeader } from './report/ReportHeader.tsx';
import { useRunBars } from './report/report-api.ts';
import { reportMetrics } from './report/report-metrics.ts';
import { TearSheetTab } from './report/TearSheetTab.tsx';
import { TradesTable } from './report/TradesTable.tsx';
import { createTimeSync } from './report/time-sync.ts';
import { countRiskEvents, riskEventRows } from './risk-events.ts';
import './report/report.css';

/** "The first 1,000 of 2,345 trades are stored": a run keeps its first records, and says so. */
/** A tab's table under a note when the run stored only its first records of the kind. */
function StoredList({ what, count, children }: { what: string; count: { kept: number; total: number }; children: ReactNode }) {
  return (
    <Flex vertical gap={8}>
      {count.kept < count.total && (
        <Alert
          type="info"
          showIcon
          data-testid={`stored-note-${what}`}
          title={`The run made ${count.total.toLocaleString('en-US')} ${what}; the first ${count.kept.toLocaleString('en-US')} are stored and listed here. The metrics count all of them.`}
        />
      )}
      {children}
    </Flex>
  );
}

/**
 * A backtest run's report, Strategy-Tester style: which run it is, its metrics, the price chart with
 * every trade marked, equity against buy & hold, drawdown, and its trades, orders, fills, log and
 * risk events. It scrolls itself into view and takes focus when it shows another run, so pressing
 * Run (or opening a run's link) lands on it.
 */
export function BacktestResults({ run }: { run: BacktestRun }) {
  const section = useRef<HTMLElement>(null);
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const result = run.result;
  const done = run.status === 'done' && result !== null;
  const intraday = run.timeframe !== '1d';
  const bars = useRunBars(run.id, done);
  const sync = useMemo(() => (run.id ? createTimeSync() : undefined), [run.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again for each run shown, which is the point.
  useEffect(() => {
    // After the frame: a link's own navigation and the switch of tabs have settled by then.
    const frame = requestAnimationFrame(() => {
      const element = section.current;
      if (!element) return;
      element.scrollIntoView({ block: 'start' });
      element.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [run.id]);

  const equityLines = useMemo((): ChartLine[] => {
    if (!result) return [];
    const lines: ChartLine[] = [
      { name: 'Equity', time: result.curve.time, values: result.curve.equity, color: SERIES_COLORS[0]! },
    ];
    if (bars.data) {
      lines.push({
        ...buyAndHoldCurve(bars.data, run.config.initialCash, result.curve.time),
        color: BUY_AND_HOLD_COLOR,
        dashed: true,
      });
    }
    return lines;
  }, [result, bars.data, run.config.initialCash]);
  const drawdownLines = useMemo(
    (): ChartLine[] =>
      result
        ? [
            {
              name: 'Drawdown (%)',
              time: result.curve.time,
              values: result.curve.drawdown.map((value) => value * 100),
              color: '#ef5350',
              area: true,
            },
          ]
        : [],
    [result],
  );
  const orders = useMemo(() => orderRows(result?.orders ?? []), [result]);
  // Runs stored before limits existed have no riskEvents.
  const riskEvents = useMemo(() => riskEventRows(result?.riskEvents ?? []), [result]);
  const eventCounts = countRiskEvents(riskEvents);
  const eventTotal = riskEvents.length + (result?.dropped.riskEvents ?? 0);
  const hadLimits = (run.config.limits?.limits.length ?? 0) > 0;

  return (
    <section
      ref={section}
      tabIndex={-1}
      className="nautilus-report"
      data-testid="backtest-report"
      aria-label={`Backtest run ${run.number}`}
    >
      <Flex vertical gap={12}>
        <ReportHeader run={run} />
        {run.status === 'failed' && (
          <Alert
            data-testid="backtest-error"
            type="error"
            showIcon
            title="The backtest failed"
            description={run.error ? `${run.error.message}` : undefined}
          />
        )}
        {done && run.metrics && (
          <>
            <MetricsGrid
              cells={reportMetrics(run.metrics, {
                initialCash: run.config.initialCash,
                finalEquity: result.final.equity,
                fees: result.final.fees,
              })}
            />
            <Card size="small" title="Price and trades" className="nautilus-report-card">
              {bars.error ? (
                <Alert type="warning" showIcon title={`The bars could not be loaded: ${describeApiError(bars.error).message}`} />
              ) : bars.data ? (
                <PriceChart
                  bars={bars.data}
                  trades={result.trades}
                  labelledTrades={phone ? 0 : undefined}
                  fills={result.fills}
                  position={result.final.position}
                  sync={sync}
                  height={phone ? 300 : 420}
                />
              ) : (
                <Skeleton.Node active style={{ width: '100%', height: phone ? 300 : 420 }} />
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ▲ buy · ▼ sell at each trade's entry and exit; hover a bar for side, size, price and P&L.
                {result.final.position.quantity !== 0 &&
                  ` A position of ${result.final.position.quantity} was still open at the end: marked "(open)", it is not among the closed trades.`}
                {result.stored.trades.kept < result.stored.trades.total &&
                  ` The first ${result.stored.trades.kept} of ${result.stored.trades.total} trades are stored and marked.`}
              </Typography.Text>
            </Card>
            <Card size="small" title="Equity and drawdown" className="nautilus-report-card">
              <CurveChart
                lines={equityLines}
                unit="money"
                testId="equity-chart"
                height={phone ? 220 : 280}
                intraday={intraday}
                sync={sync}
              />
              <CurveChart
                lines={drawdownLines}
                unit="percent"
                testId="drawdown-chart"
                height={phone ? 120 : 150}
                intraday={intraday}
                sync={sync}
              />
            </Card>
            <Card size="small" className="nautilus-report-card">
              <Tabs
                size="small"
                className={phone ? 'nautilus-report-tabs-wrap' : undefined}
                items={[
                  {
                    key: 'tear-sheet',
                    label: <span data-testid="tear-sheet-tab">Tear sheet</span>,
                    children: <TearSheetTab runId={run.id} intraday={intraday} />,
                  },
                  {
                    key: 'trades',
                    label: <span data-testid="trades-tab">Trades ({result.stored.trades.total})</span>,
                    children: (
                      <StoredList what="trades" count={result.stored.trades}>
                        <TradesTable trades={result.trades} intraday={intraday} />
                      </StoredList>
                    ),
                  },
                  {
                    key: 'orders',
                    label: (
                      <span data-testid="orders-tab">
                        Orders ({result.stored.orders.total})
                        {rejectedCount(result) > 0 && (
                          <Typography.Text type="danger" data-testid="rejected-count">
                            {' '}
                            · {rejectedCount(result)} rejected
                          </Typography.Text>
                        )}
                      </span>
                    ),
                    children: (
                      <StoredList what="orders" count={result.stored.orders}>
                        <OrdersTable rows={orders} />
                      </StoredList>
                    ),
                  },
                  {
                    key: 'fills',
                    label: <span data-testid="fills-tab">Fills ({result.stored.fills.total})</span>,
                    children: (
                      <StoredList what="fills" count={result.stored.fills}>
                        <FillsTable fills={result.fills} intraday={intraday} />
                      </StoredList>
                    ),
                  },
                  {
                    key: 'execution',
                    label: <span data-testid="execution-tab">Execution</span>,
                    children: <ExecutionTab runId={run.id} />,
                  },
                  {
                    key: 'log',
                    label: <span data-testid="log-tab">Log ({result.stored.logs.total})</span>,
                    children: (
                      <StoredList what="log lines" count={result.stored.logs}>
                        <LogTable logs={result.logs} intraday={intraday} />
                      </StoredList>
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
          </>
        )}
      </Flex>
    </section>
  );
}
