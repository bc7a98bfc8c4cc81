import { NautilusError } from '@nautilus/sdk';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { deploymentOrdersMigration } from '../deployments/deployment-order-table.ts';
import { sweepsMigration } from '../sweeps/sweep-tables.ts';

/** Schema migrations, in order. Never edit a released one: add the next. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'editor', 'admin')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('disabled_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('last_used_at', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('login_attempts')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dashboards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dashboard_versions')
        .addColumn('dashboard_id', 'text', (c) => c.notNull().references('dashboards.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'jsonb', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('dashboard_versions_pk', ['dashboard_id', 'version'])
        .execute();
    },
  },
  '0002_strategies': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('strategies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('strategy_versions')
        .addColumn('strategy_id', 'text', (c) => c.notNull().references('strategies.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('diff', 'text')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('strategy_versions_pk', ['strategy_id', 'version'])
        .execute();
      await db.schema
        .createTable('backtest_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('strategy_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('config', 'jsonb', (c) => c.notNull())
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('timeframe', 'text', (c) => c.notNull())
        .addColumn('range_from', 'timestamptz', (c) => c.notNull())
        .addColumn('range_to', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
        .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('metrics', 'jsonb')
        .addColumn('result', 'jsonb')
        .addColumn('error', 'jsonb')
        .addColumn('owner', 'text')
        .addColumn('heartbeat_at', 'timestamptz')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('finished_at', 'timestamptz')
        .addColumn('duration_ms', 'integer')
        .addForeignKeyConstraint(
          'backtest_runs_version_fk',
          ['strategy_id', 'version'],
          'strategy_versions',
          ['strategy_id', 'version'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema.createIndex('backtest_runs_strategy').on('backtest_runs').columns(['strategy_id', 'created_at']).execute();
      await db.schema.createIndex('backtest_runs_status').on('backtest_runs').column('status').execute();
      await db.schema
        .createTable('deployments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('strategy_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('config', 'jsonb', (c) => c.notNull())
        .addColumn('limits', 'jsonb', (c) => c.notNull())
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('timeframe', 'text', (c) => c.notNull())
        .addColumn('warmup_bars', 'integer', (c) => c.notNull())
        .addColumn('replay', 'jsonb')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'stopped', 'failed')`))
        .addColumn('stop_reason', 'text')
        .addColumn('error', 'jsonb')
        .addColumn('account', 'jsonb')
        .addColumn('activity', 'jsonb')
        .addColumn('first_bar_time', 'timestamptz')
        .addColumn('rollback_of', 'text', (c) => c.references('deployments.id').onDelete('set null'))
        .addColumn('owner', 'text')
        .addColumn('lease_expires_at', 'timestamptz')
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('stopped_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addForeignKeyConstraint(
          'deployments_version_fk',
          ['strategy_id', 'version'],
          'strategy_versions',
          ['strategy_id', 'version'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema.createIndex('deployments_strategy').on('deployments').columns(['strategy_id', 'started_at']).execute();
      await db.schema.createIndex('deployments_status').on('deployments').column('status').execute();
      await db.schema
        .createTable('market_feeds')
        .addColumn('topic', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('lease_expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '0003_risk': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('portfolios')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('capital', 'double precision', (c) => c.notNull())
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('positions', 'jsonb', (c) => c.notNull())
        .addColumn('limits', 'jsonb')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('risk_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('limit_kind', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text')
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('source_name', 'text', (c) => c.notNull())
        .addColumn('details', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_alerts_time').on('risk_alerts').column('created_at').execute();
      await db.schema.createIndex('risk_alerts_source').on('risk_alerts').columns(['source_kind', 'source_id']).execute();
    },
  },
  '0004_login_throttle': {
    async up(db: Kysely<any>) {
      // Failures counted per (client address, username) and per username across all addresses ('*').
      await db.schema.dropTable('login_attempts').execute();
      await db.schema
        .createTable('login_throttle')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('allowed', 'boolean', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'address'])
        .execute();
      await db.schema.createIndex('login_throttle_time').on('login_throttle').column('last_attempt_at').execute();
      await db.schema
        .createTable('login_known_addresses')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_known_addresses_pk', ['user_id', 'address'])
        .execute();
    },
  },
  '0005_data_sources': {
    async up(db: Kysely<any>) {
      // Epoch milliseconds as double precision: exact to 2^53, and read back as numbers (bigint comes back as strings).
      // Bar chunks are base64 text: both drivers decode text natively, where bytea goes through a slow hex parser.
      await db.schema
        .createTable('bars_chunks')
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('timeframe', 'text', (c) => c.notNull())
        .addColumn('adjusted', 'boolean', (c) => c.notNull())
        .addColumn('chunk_start', 'double precision', (c) => c.notNull())
        .addColumn('bar_count', 'integer', (c) => c.notNull())
        // A new random value on every write: instances keep decoded chunks in memory and re-read only changed ones.
        .addColumn('version', 'double precision', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bars_chunks_pk', ['symbol', 'timeframe', 'adjusted', 'chunk_start'])
        .execute();
      await db.schema
        .createTable('bars_coverage')
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('timeframe', 'text', (c) => c.notNull())
        .addColumn('adjusted', 'boolean', (c) => c.notNull())
        .addColumn('range_from', 'double precision', (c) => c.notNull())
        .addColumn('range_to', 'double precision', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('fetched_at', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('bars_coverage_pk', ['symbol', 'timeframe', 'adjusted', 'range_from'])
        .execute();
      await db.schema
        .createTable('data_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('provider_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('ciphertext', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '0006_uploads': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ohlcv', 'series')`))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('columns', 'jsonb', (c) => c.notNull())
        .addColumn('symbols', 'jsonb', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('time_from', 'double precision', (c) => c.notNull())
        .addColumn('time_to', 'double precision', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('upload_chunks')
        .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('chunk_index', 'integer', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('upload_chunks_pk', ['upload_id', 'symbol', 'chunk_index'])
        .execute();
    },
  },
  '0008_sharing': {
    async up(db: Kysely<any>) {
      // Per-object grants. No foreign key on object_id (it names a dashboard, strategy or portfolio):
      // the stores delete an object's grants with it.
      await db.schema
        .createTable('object_grants')
        .addColumn('object_type', 'text', (c) => c.notNull().check(sql`object_type in ('dashboard', 'strategy', 'portfolio')`))
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('grantee_type', 'text', (c) => c.notNull().check(sql`grantee_type in ('user', 'role')`))
        .addColumn('grantee', 'text', (c) => c.notNull())
        .addColumn('permission', 'text', (c) => c.notNull().check(sql`permission in ('view', 'edit', 'admin')`))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('object_grants_pk', ['object_type', 'object_id', 'grantee_type', 'grantee'])
        .execute();
      await db.schema.createIndex('object_grants_grantee').on('object_grants').columns(['grantee_type', 'grantee']).execute();
      // Upgrading hides nothing: every existing object keeps today's rule (viewers view, editors edit).
      for (const [type, table] of [
        ['dashboard', 'dashboards'],
        ['strategy', 'strategies'],
        ['portfolio', 'portfolios'],
      ] as const) {
        for (const [role, permission] of [
          ['viewer', 'view'],
          ['editor', 'edit'],
        ] as const) {
          await sql`insert into object_grants (object_type, object_id, grantee_type, grantee, permission)
            select ${type}, id, 'role', ${role}, ${permission} from ${sql.table(table)}`.execute(db);
        }
      }
      await db.schema.alterTable('dashboards').addColumn('folder', 'text').execute();
      await db.schema.createIndex('dashboards_folder').on('dashboards').column('folder').execute();
      await db.schema
        .createTable('share_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dashboard_id', 'text', (c) => c.notNull().references('dashboards.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text')
        .addColumn('variables', 'jsonb', (c) => c.notNull())
        .addColumn('time_range', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('last_used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('share_links_dashboard').on('share_links').column('dashboard_id').execute();
      // The audit log outlives users and objects: actor and target are copied, not referenced.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('via', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('version', 'integer')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
      await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'target_id']).execute();
    },
  },
  '0009_plugin_installs': {
    async up(db: Kysely<any>) {
      // Each version of an installed plugin, staged (approved_at null: never loaded) or approved. The
      // tarball is kept (base64) so every instance sharing the database can unpack the same bytes.
      await db.schema
        .createTable('plugin_versions')
        .addColumn('plugin_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('package_name', 'text', (c) => c.notNull())
        .addColumn('origin', 'jsonb', (c) => c.notNull())
        .addColumn('integrity', 'text', (c) => c.notNull())
        .addColumn('manifest', 'jsonb', (c) => c.notNull())
        .addColumn('files', 'jsonb', (c) => c.notNull())
        .addColumn('signature', 'jsonb')
        .addColumn('tarball', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('staged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('staged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('approved_at', 'timestamptz')
        .addPrimaryKeyConstraint('plugin_versions_pk', ['plugin_id', 'version'])
        .execute();
      // Which approved version runs, the one a rollback returns to, and whether it is enabled.
      await db.schema
        .createTable('plugin_installs')
        .addColumn('plugin_id', 'text', (c) => c.primaryKey())
        .addColumn('current_version', 'text', (c) => c.notNull())
        .addColumn('previous_version', 'text')
        .addColumn('enabled', 'boolean', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('trusted_keys')
        .addColumn('key_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  '0012_alert_reads': {
    async up(db: Kysely<any>) {
      // Read state per user and alert: the alerts drawer's unread counts and "mark read".
      await db.schema
        .createTable('risk_alert_reads')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('alert_id', 'text', (c) => c.notNull().references('risk_alerts.id').onDelete('cascade'))
        .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('risk_alert_reads_pk', ['user_id', 'alert_id'])
        .execute();
      // Grouping reads alerts by source and limit, newest first.
      await db.schema
        .createIndex('risk_alerts_group')
        .on('risk_alerts')
        .columns(['source_kind', 'source_id', 'limit_kind', 'created_at'])
        .execute();
    },
  },
  '0011_strategy_version_drafts': {
    async up(db: Kysely<any>) {
      // A version saved with type errors on request: kept, backtestable, never deployed.
      await db.schema
        .alterTable('strategy_versions')
        .addColumn('draft', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
    },
  },
  '0013_sweeps': sweepsMigration,
  '0014_deployment_orders': deploymentOrdersMigration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Every migration this code knows; a database that ran any other was migrated by a newer Nautilus. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();

/** Brings the schema up to date; safe to run from several instances at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Names are reserved per change and land in any order: a database that ran 0012 still runs 0011.
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new NautilusError('INTERNAL', `Database migration ${failed} failed; the database was left unchanged`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
