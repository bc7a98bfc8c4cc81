import type { Order } from '@nautilus/sdk';
import type { WorkingOrder } from './working-order.ts';

/**
 * The resting orders, oldest first, and the read-only snapshot `ctx.openOrders` shows: rebuilt only
 * after a change (an order added, closed, or triggered), so reading it every bar allocates nothing.
 */
export class OpenOrders {
  readonly list: WorkingOrder[] = [];
  private version = 0;
  private snapshotVersion = -1;
  private snapshot: readonly Order[] = [];

  get size(): number {
    return this.list.length;
  }

  add(order: WorkingOrder): void {
    this.list.push(order);
    this.version++;
  }

  remove(order: WorkingOrder): void {
    this.list.splice(this.list.indexOf(order), 1);
    this.version++;
  }

  /** Call when an open order's visible state changed in place (a stop-limit triggered). */
  changed(): void {
    this.version++;
  }

  find(id: number): WorkingOrder | undefined {
    return this.list.find((order) => order.id === id);
  }

  records(): readonly Order[] {
    if (this.snapshotVersion !== this.version) {
      this.snapshot = Object.freeze(this.list.map((order) => order.toRecord()));
      this.snapshotVersion = this.version;
    }
    return this.snapshot;
  }
}
