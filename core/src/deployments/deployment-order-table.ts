import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Tables } from '../db/tables.ts';

/** One order a paper deployment's strategy placed, with the prices its execution is measured against. */
export interface DeploymentOrdersTable {
  deployment_id: string;
  /** The engine's order id (1, 2, 3… per deployment). */
  order_id: number;
  /** When the strategy submitted it (epoch ms, the decision bar's time). */
  submitted_time: number;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  quantity: number;
  limit_price: number | null;
  stop_price: number | null;
  /** The last close the strategy saw when it decided; null for orders placed in onStart. */
  decision_price: number | null;
  /** The open of the first bar it could trade on (when it reached the simulated market); null until that bar. */
  arrival_price: number | null;
  status: string;
  filled_quantity: number;
  average_fill_price: number | null;
  commission: number;
  /** The open of the bar that filled it (slippage is measured against it). */
  fill_bar_open: number | null;
  reason: string | null;
  closed_time: number | null;
}

// A type, not an interface: withTables wants an indexable record.
export type DeploymentOrderTables = {
  deployment_orders: DeploymentOrdersTable;
};

export type DeploymentOrderDb = Kysely<Tables & DeploymentOrderTables>;

/** The database with the deployment orders table typed (it lives beside the feature, not in db/tables.ts). */
export function deploymentOrderDb(db: Kysely<Tables>): DeploymentOrderDb {
  return db.withTables<DeploymentOrderTables>();
}

/** Migration 0014_deployment_orders: every order a paper deployment places, keyed by deployment and order id. */
export const deploymentOrdersMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('deployment_orders')
      .addColumn('deployment_id', 'text', (c) => c.notNull().references('deployments.id').onDelete('cascade'))
      .addColumn('order_id', 'integer', (c) => c.notNull())
      .addColumn('submitted_time', 'double precision', (c) => c.notNull())
      .addColumn('symbol', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('buy', 'sell')`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('quantity', 'double precision', (c) => c.notNull())
      .addColumn('limit_price', 'double precision')
      .addColumn('stop_price', 'double precision')
      .addColumn('decision_price', 'double precision')
      .addColumn('arrival_price', 'double precision')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('filled_quantity', 'double precision', (c) => c.notNull())
      .addColumn('average_fill_price', 'double precision')
      .addColumn('commission', 'double precision', (c) => c.notNull())
      .addColumn('fill_bar_open', 'double precision')
      .addColumn('reason', 'text')
      .addColumn('closed_time', 'double precision')
      .addPrimaryKeyConstraint('deployment_orders_pk', ['deployment_id', 'order_id'])
      .execute();
  },
};
