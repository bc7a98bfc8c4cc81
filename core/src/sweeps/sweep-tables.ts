import { type ColumnType, type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Tables } from '../db/tables.ts';

/** A jsonb column: read as parsed JSON, written as a JSON string. */
type Json = ColumnType<unknown, string, string>;

export type SweepKind = 'grid' | 'random' | 'walk-forward';
export type SweepStatus = 'running' | 'done' | 'cancelled';
export type PointPhase = 'grid' | 'in-sample' | 'out-of-sample';

export interface SweepsTable {
  id: string;
  strategy_id: string;
  version: number;
  kind: SweepKind;
  /** The checked request: axes, data, config, metric, seed, budget, folds. */
  request: Json;
  status: SweepStatus;
  /** Points the sweep will hold when complete (walk-forward adds its out-of-sample points as folds finish). */
  total: number;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
}

export interface SweepPointsTable {
  sweep_id: string;
  idx: number;
  phase: PointPhase;
  /** Walk-forward fold, -1 for a plain grid. */
  fold: number;
  params: Json;
  range_from: number;
  range_to: number;
  hash: string;
}

/** One row per point hash: a result is computed once and shared by every sweep holding the point. */
export interface SweepResultsTable {
  hash: string;
  metrics: Json | null;
  /** Bar-to-bar returns of the equity curve, for the overfitting statistics. */
  returns: Json | null;
  error: Json | null;
  /** Which worker stored it (`<host>:<pid>` or `in-process`). */
  worker: string;
  /** Times a result for this hash was stored: 1 unless a point ran to completion twice. */
  stored_count: ColumnType<number, number | undefined, number>;
  duration_ms: number;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type SweepTables = {
  sweeps: SweepsTable;
  sweep_points: SweepPointsTable;
  sweep_results: SweepResultsTable;
};

export type SweepDb = Kysely<Tables & SweepTables>;

/** The database with the sweep tables typed (they live beside the feature, not in db/tables.ts). */
export function sweepDb(db: Kysely<Tables>): SweepDb {
  return db.withTables<SweepTables>();
}

/** Migration 0013_sweeps: sweeps, their points and the results shared by point hash. */
export const sweepsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sweeps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('strategy_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('grid', 'random', 'walk-forward')`))
      .addColumn('request', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'cancelled')`))
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .addForeignKeyConstraint(
        'sweeps_version_fk',
        ['strategy_id', 'version'],
        'strategy_versions',
        ['strategy_id', 'version'],
        (c) => c.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('sweeps_strategy').on('sweeps').columns(['strategy_id', 'created_at']).execute();
    await db.schema
      .createTable('sweep_points')
      .addColumn('sweep_id', 'text', (c) => c.notNull().references('sweeps.id').onDelete('cascade'))
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('fold', 'integer', (c) => c.notNull())
      .addColumn('params', 'jsonb', (c) => c.notNull())
      .addColumn('range_from', 'double precision', (c) => c.notNull())
      .addColumn('range_to', 'double precision', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sweep_points_pk', ['sweep_id', 'idx'])
      .execute();
    await db.schema.createIndex('sweep_points_hash').on('sweep_points').column('hash').execute();
    await db.schema
      .createTable('sweep_results')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('metrics', 'jsonb')
      .addColumn('returns', 'jsonb')
      .addColumn('error', 'jsonb')
      .addColumn('worker', 'text', (c) => c.notNull())
      .addColumn('stored_count', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};
