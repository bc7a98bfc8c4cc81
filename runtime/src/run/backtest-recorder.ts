import type { BacktestResult, Fill, LogLine, OhlcvFrame, Order, RiskEvent, Trade } from '@nautilus/sdk';
import { computeMetrics } from '../metrics/compute-metrics.ts';
import { drawdownCurve } from '../metrics/drawdown.ts';
import type { RunnerUpdate } from './runner-update.ts';
import type { StrategyRunner } from './strategy-runner.ts';

/** Collects a backtest's updates as they arrive and assembles the BacktestResult at the end. */
export class BacktestRecorder {
  readonly logs: LogLine[] = [];
  private readonly equity: Float64Array;
  private filled = 0;
  private readonly orders: Order[] = [];
  private readonly fills: Fill[] = [];
  private readonly trades: Trade[] = [];
  private readonly riskEvents: RiskEvent[] = [];
  private last: RunnerUpdate | undefined;

  constructor(bars: number) {
    this.equity = new Float64Array(bars);
  }

  add(update: RunnerUpdate): void {
    this.equity.set(update.equity, this.filled);
    this.filled += update.equity.length;
    for (const order of update.orders) this.orders.push(order);
    for (const fill of update.fills) this.fills.push(fill);
    for (const trade of update.trades) this.trades.push(trade);
    for (const line of update.logs) this.logs.push(line);
    for (const event of update.riskEvents) this.riskEvents.push(event);
    this.last = update;
  }

  result(frame: OhlcvFrame, runner: StrategyRunner): BacktestResult {
    const last = this.last!;
    const { config } = runner;
    const count = frame.time.length;
    const orders = [...this.orders, ...last.account.openOrders].sort((a, b) => a.id - b.id);
    return {
      symbol: frame.symbol,
      timeframe: frame.timeframe,
      params: { ...runner.params },
      config,
      bars: count,
      from: frame.time[0]!,
      to: frame.time[count - 1]!,
      curve: {
        time: frame.time.slice(),
        equity: toArray(this.equity),
        drawdown: toArray(drawdownCurve(this.equity, config.initialCash)),
      },
      orders,
      rejectedOrders: last.counters.rejectedOrders,
      fills: this.fills,
      trades: this.trades,
      logs: this.logs,
      riskEvents: this.riskEvents,
      dropped: { ...last.counters.dropped },
      final: last.account,
      metrics: computeMetrics({
        equity: this.equity,
        time: frame.time,
        timeframe: frame.timeframe,
        initialCash: config.initialCash,
        periodsPerYear: config.periodsPerYear,
        riskFreeRate: config.riskFreeRate,
        firstOpen: frame.open[0]!,
        lastClose: frame.close[count - 1]!,
        barsInMarket: last.counters.barsInMarket,
        tradeStats: last.counters.tradeStats,
      }),
    };
  }
}

/** A plain number array (JSON-friendly) from a typed one; ~20x faster than Array.from's iterator at 1M values. */
function toArray(values: Float64Array): number[] {
  const array = new Array<number>(values.length);
  for (let index = 0; index < values.length; index++) array[index] = values[index]!;
  return array;
}
