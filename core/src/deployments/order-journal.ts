import type { Bar, Fill, Order } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { type DeploymentOrdersTable, deploymentOrderDb } from './deployment-order-table.ts';

/** An order as a deployment stores and publishes it (`deployment_orders`, the `orders` event). */
export interface DeploymentOrder {
  id: number;
  submittedTime: number;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  quantity: number;
  limitPrice: number | null;
  stopPrice: number | null;
  decisionPrice: number | null;
  arrivalPrice: number | null;
  status: string;
  filledQuantity: number;
  averageFillPrice: number | null;
  commission: number;
  fillBarOpen: number | null;
  reason: string | null;
  closedTime: number | null;
}

interface Prices {
  decision: number | null;
  arrival: number | null;
  fillBarOpen: number | null;
  commission: number;
}

/**
 * Follows a deployment's orders through its runner updates and writes each new or changed one to
 * `deployment_orders`. The runner numbers bars from the first one it was given (warm-up included),
 * so the journal counts bars the same way to find the decision bar's close and the next bar's open.
 * A resumed deployment replays the same bars and so rewrites the same rows (an upsert). Orders of
 * warm-up bars are left out: the engine rejects them (liveFrom), they never reached the market.
 */
export class OrderJournal {
  readonly #db: Kysely<Tables>;
  readonly #deploymentId: string;
  readonly #symbol: string;
  readonly #liveFrom: number;
  /** Prices of orders still open, by id; final orders are dropped once written. */
  readonly #open = new Map<number, Prices>();
  #barCount = 0;
  #previousClose: number | null = null;
  #writes: Promise<void> = Promise.resolve();

  constructor(db: Kysely<Tables>, deploymentId: string, symbol: string, liveFrom: number) {
    this.#db = db;
    this.#liveFrom = liveFrom;
    this.#deploymentId = deploymentId;
    this.#symbol = symbol;
  }

  /** Takes one update (the bars it was pushed with, in order) and returns the orders it changed. */
  observe(
    update: { orders: Order[]; fills: Fill[]; account: { openOrders: readonly Order[] } },
    bars: readonly Bar[],
  ): DeploymentOrder[] {
    const base = this.#barCount;
    const barAt = (index: number) => bars[index - base];
    const closeAt = (index: number) => (index === base - 1 ? this.#previousClose : (barAt(index)?.close ?? null));
    const changed: DeploymentOrder[] = [];
    const seen = new Map<number, Order>();
    for (const order of [...update.account.openOrders, ...update.orders]) {
      if (order.submittedTime >= this.#liveFrom) seen.set(order.id, order);
    }
    for (const order of seen.values()) {
      const prices = this.#open.get(order.id) ?? {
        decision: order.submittedBarIndex >= 0 ? closeAt(order.submittedBarIndex) : null,
        arrival: null,
        fillBarOpen: null,
        commission: 0,
      };
      prices.arrival ??= barAt(order.submittedBarIndex + 1)?.open ?? null;
      for (const fill of update.fills) {
        if (fill.orderId !== order.id) continue;
        prices.commission += fill.commission;
        prices.fillBarOpen = barAt(fill.barIndex)?.open ?? prices.fillBarOpen;
      }
      if (order.status === 'open') this.#open.set(order.id, prices);
      else this.#open.delete(order.id);
      changed.push(this.#row(order, prices));
    }
    this.#barCount += bars.length;
    if (bars.length > 0) this.#previousClose = bars[bars.length - 1]!.close;
    if (changed.length > 0) {
      const rows = changed.map((order) => this.#stored(order));
      this.#writes = this.#writes.then(() => this.#write(rows));
    }
    return changed;
  }

  /** Resolves once every order observed so far is written; rejects with the first failed write. */
  settled(): Promise<void> {
    const writes = this.#writes;
    this.#writes = writes.catch(() => {});
    return writes;
  }

  #row(order: Order, prices: Prices): DeploymentOrder {
    return {
      id: order.id,
      submittedTime: order.submittedTime,
      symbol: this.#symbol,
      side: order.side,
      type: order.type,
      quantity: order.quantity,
      limitPrice: order.limitPrice,
      stopPrice: order.stopPrice,
      decisionPrice: prices.decision,
      arrivalPrice: prices.arrival,
      status: order.status,
      filledQuantity: order.filledQuantity,
      averageFillPrice: order.averageFillPrice,
      commission: prices.commission,
      fillBarOpen: prices.fillBarOpen,
      reason: order.reason,
      closedTime: order.closedTime,
    };
  }

  #stored(order: DeploymentOrder): DeploymentOrdersTable {
    return {
      deployment_id: this.#deploymentId,
      order_id: order.id,
      submitted_time: order.submittedTime,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      quantity: order.quantity,
      limit_price: order.limitPrice,
      stop_price: order.stopPrice,
      decision_price: order.decisionPrice,
      arrival_price: order.arrivalPrice,
      status: order.status,
      filled_quantity: order.filledQuantity,
      average_fill_price: order.averageFillPrice,
      commission: order.commission,
      fill_bar_open: order.fillBarOpen,
      reason: order.reason,
      closed_time: order.closedTime,
    };
  }

  async #write(rows: DeploymentOrdersTable[]): Promise<void> {
    await deploymentOrderDb(this.#db)
      .insertInto('deployment_orders')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['deployment_id', 'order_id']).doUpdateSet((eb) => ({
          arrival_price: eb.ref('excluded.arrival_price'),
          status: eb.ref('excluded.status'),
          filled_quantity: eb.ref('excluded.filled_quantity'),
          average_fill_price: eb.ref('excluded.average_fill_price'),
          commission: eb.ref('excluded.commission'),
          fill_bar_open: eb.ref('excluded.fill_bar_open'),
          reason: eb.ref('excluded.reason'),
          closed_time: eb.ref('excluded.closed_time'),
        })),
      )
      .execute();
  }

  /** A deployment's stored orders, oldest first. */
  static async list(db: Kysely<Tables>, deploymentId: string): Promise<DeploymentOrder[]> {
    const rows = await deploymentOrderDb(db)
      .selectFrom('deployment_orders')
      .selectAll()
      .where('deployment_id', '=', deploymentId)
      .orderBy('order_id')
      .execute();
    return rows.map((row) => ({
      id: row.order_id,
      submittedTime: row.submitted_time,
      symbol: row.symbol,
      side: row.side,
      type: row.type,
      quantity: row.quantity,
      limitPrice: row.limit_price,
      stopPrice: row.stop_price,
      decisionPrice: row.decision_price,
      arrivalPrice: row.arrival_price,
      status: row.status,
      filledQuantity: row.filled_quantity,
      averageFillPrice: row.average_fill_price,
      commission: row.commission,
      fillBarOpen: row.fill_bar_open,
      reason: row.reason,
      closedTime: row.closed_time,
    }));
  }
}
