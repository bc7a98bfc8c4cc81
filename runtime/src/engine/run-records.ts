import type { DroppedCounts, Fill, LogLevel, LogLine, Order, RiskEvent, Trade } from '@nautilus/sdk';
import { formatLogLine } from './format-log.ts';

/**
 * The records a run reports, collected per batch (the host takes them after every call, so the
 * isolate never holds a whole run's worth) and capped per run: beyond the caps they are only counted.
 */
export class RunRecords {
  orders: Order[] = [];
  fills: Fill[] = [];
  trades: Trade[] = [];
  logs: LogLine[] = [];
  riskEvents: RiskEvent[] = [];
  readonly dropped: DroppedCounts = { logLines: 0, orders: 0, fills: 0, trades: 0, riskEvents: 0 };
  private readonly maxRecords: number;
  private readonly maxLogLines: number;
  private readonly maxLogLineChars: number;
  private ordersKept = 0;
  private fillsKept = 0;
  private tradesKept = 0;
  private riskEventsKept = 0;
  private logLinesKept = 0;

  constructor(limits: { maxRecords: number; maxLogLines: number; maxLogLineChars: number }) {
    this.maxRecords = limits.maxRecords;
    this.maxLogLines = limits.maxLogLines;
    this.maxLogLineChars = limits.maxLogLineChars;
  }

  order(order: Order): void {
    if (this.ordersKept < this.maxRecords) {
      this.ordersKept++;
      this.orders.push(order);
    } else this.dropped.orders++;
  }

  fill(fill: Fill): void {
    if (this.fillsKept < this.maxRecords) {
      this.fillsKept++;
      this.fills.push(fill);
    } else this.dropped.fills++;
  }

  trade(trade: Trade): void {
    if (this.tradesKept < this.maxRecords) {
      this.tradesKept++;
      this.trades.push(trade);
    } else this.dropped.trades++;
  }

  riskEvent(event: RiskEvent): void {
    if (this.riskEventsKept < this.maxRecords) {
      this.riskEventsKept++;
      this.riskEvents.push(Object.freeze(event));
    } else this.dropped.riskEvents++;
  }

  /** Formats only lines under the cap: a strategy flooding the log pays a counter increment per line. */
  log(time: number, barIndex: number, values: readonly unknown[], level: LogLevel = 'info'): void {
    if (this.logLinesKept >= this.maxLogLines) {
      this.dropped.logLines++;
      return;
    }
    this.logLinesKept++;
    this.logs.push(Object.freeze({ time, barIndex, level, message: formatLogLine(values, this.maxLogLineChars) }));
  }

  /** Hands over this batch's records and starts the next batch empty. */
  take(): { orders: Order[]; fills: Fill[]; trades: Trade[]; logs: LogLine[]; riskEvents: RiskEvent[] } {
    const taken = { orders: this.orders, fills: this.fills, trades: this.trades, logs: this.logs, riskEvents: this.riskEvents };
    this.orders = [];
    this.fills = [];
    this.trades = [];
    this.logs = [];
    this.riskEvents = [];
    return taken;
  }
}
