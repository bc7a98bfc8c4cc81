import type { Order, OrderSide, OrderStatus, OrderType, TimeInForce } from '@nautilus/sdk';

/**
 * An order inside the engine: mutable, with NaN for absent prices so every field keeps one type (V8
 * keeps the object's shape stable). `toRecord` gives the read-only `Order` strategies and results see.
 */
export class WorkingOrder {
  readonly id: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly limitPrice: number;
  readonly stopPrice: number;
  readonly timeInForce: TimeInForce;
  readonly tag: string | null;
  readonly submittedTime: number;
  readonly submittedBarIndex: number;
  /** First bar the order may fill on: the bar after the one being processed when it was submitted. */
  readonly eligibleBarIndex: number;
  status: OrderStatus = 'open';
  triggered = false;
  /** Session day of the first bar a `day` order could fill on; NaN until then. */
  sessionDay = Number.NaN;
  filledQuantity = 0;
  averageFillPrice = Number.NaN;
  closedTime = Number.NaN;
  reason: string | null = null;

  constructor(
    fields: Pick<WorkingOrder, 'id' | 'side' | 'type' | 'quantity' | 'limitPrice' | 'stopPrice' | 'timeInForce' | 'tag'>,
    submittedTime: number,
    submittedBarIndex: number,
  ) {
    this.id = fields.id;
    this.side = fields.side;
    this.type = fields.type;
    this.quantity = fields.quantity;
    this.limitPrice = fields.limitPrice;
    this.stopPrice = fields.stopPrice;
    this.timeInForce = fields.timeInForce;
    this.tag = fields.tag;
    this.submittedTime = submittedTime;
    this.submittedBarIndex = submittedBarIndex;
    this.eligibleBarIndex = submittedBarIndex + 1;
  }

  close(status: OrderStatus, time: number, reason: string | null): void {
    this.status = status;
    this.closedTime = time;
    this.reason = reason;
  }

  toRecord(): Order {
    return Object.freeze({
      id: this.id,
      side: this.side,
      type: this.type,
      quantity: this.quantity,
      limitPrice: orNull(this.limitPrice),
      stopPrice: orNull(this.stopPrice),
      timeInForce: this.timeInForce,
      status: this.status,
      triggered: this.triggered,
      tag: this.tag,
      submittedTime: this.submittedTime,
      submittedBarIndex: this.submittedBarIndex,
      filledQuantity: this.filledQuantity,
      averageFillPrice: orNull(this.averageFillPrice),
      closedTime: orNull(this.closedTime),
      reason: this.reason,
    });
  }
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
