import { pricedExecutionQuality } from '@nautilus/analytics';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import { getDeployment } from '../deployments/deployment-store.ts';
import { type DeploymentOrder, OrderJournal } from '../deployments/order-journal.ts';
import type { ExecutionView } from './backtest-execution.ts';

/** A deployment's execution quality and the orders it was measured on. */
export type DeploymentExecutionView = ExecutionView & { lastPrice: number | null; orderList: DeploymentOrder[] };

/**
 * A paper deployment's execution quality from every order it placed (`deployment_orders`), with the
 * decision and arrival prices recorded as it traded; unfilled quantity is valued at the price the
 * account was last marked at. NOT_FOUND when the deployment does not exist.
 */
export async function deploymentExecution(db: Kysely<Tables>, id: string): Promise<DeploymentExecutionView> {
  const deployment = await getDeployment(db, id);
  const orders = await OrderJournal.list(db, id);
  const lastPrice = deployment.account?.lastPrice ?? null;
  const notes: string[] = [];
  if (orders.length === 0) notes.push('the deployment has placed no orders yet');
  const open = orders.filter((order) => order.status === 'open').length;
  if (open > 0)
    notes.push(`${open} orders still open: their unfilled quantity is valued at the last price ${lastPrice ?? 'n/a'}`);
  return {
    ...pricedExecutionQuality(orders, lastPrice),
    notes,
    lastPrice,
    orderList: orders,
  };
}
