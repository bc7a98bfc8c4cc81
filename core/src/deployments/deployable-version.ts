import { assertStrategyTypes } from '@nautilus/runtime';
import { isNautilusError, NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { StrategyRecord } from '../strategies/strategy-store.ts';

/**
 * Refuses to deploy a draft, or a version that does not type-check against the sdk's strategy API
 * (versions saved before saves were type-checked are checked here), with VALIDATION on `version`
 * and, for type errors, the diagnostics in `details` as a save would give them.
 */
export async function refuseUndeployable(strategy: StrategyRecord): Promise<void> {
  if (strategy.draft) {
    throw NautilusError.validation('deployment', [
      {
        path: 'version',
        message: `version ${strategy.version} is a draft (saved with type errors) and cannot be deployed; fix the errors, save, and deploy that version`,
      },
    ]);
  }
  try {
    await assertStrategyTypes(strategy.source);
  } catch (error) {
    if (!isNautilusError(error) || error.code !== 'VALIDATION') throw error;
    throw new NautilusError('VALIDATION', `Version ${strategy.version} cannot be deployed: ${error.message}`, {
      fields: [{ path: 'version', message: `version ${strategy.version} does not type-check` }, ...error.fields],
      details: error.details,
    });
  }
}

/** The most recent backtest run or deployment of one version, if it has any. */
export interface LastRun {
  kind: 'backtest' | 'deployment';
  id: string;
  status: string;
  at: string;
  reason: string | null;
}

/** The version's latest run, a backtest or a deployment, whichever started last. */
export async function lastRunOf(db: Kysely<Tables>, strategyId: string, version: number): Promise<LastRun | null> {
  const [backtest, deployment] = await Promise.all([
    db
      .selectFrom('backtest_runs')
      .select(['id', 'status', 'error', 'created_at'])
      .where('strategy_id', '=', strategyId)
      .where('version', '=', version)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('deployments')
      .select(['id', 'status', 'stop_reason', 'started_at'])
      .where('strategy_id', '=', strategyId)
      .where('version', '=', version)
      .orderBy('started_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const fromBacktest: LastRun | null = backtest
    ? {
        kind: 'backtest',
        id: backtest.id,
        status: backtest.status,
        at: backtest.created_at.toISOString(),
        reason: (backtest.error as { message?: string } | null)?.message ?? null,
      }
    : null;
  const fromDeployment: LastRun | null = deployment
    ? {
        kind: 'deployment',
        id: deployment.id,
        status: deployment.status,
        at: deployment.started_at.toISOString(),
        reason: deployment.stop_reason,
      }
    : null;
  if (!fromBacktest || !fromDeployment) return fromBacktest ?? fromDeployment;
  return fromBacktest.at > fromDeployment.at ? fromBacktest : fromDeployment;
}

/**
 * The version a rollback deploys: `wanted` (earlier than `current`, not a draft), else the newest
 * earlier version that is not a draft. VALIDATION on `version` when there is none.
 */
export async function rollbackVersion(
  db: Kysely<Tables>,
  strategyId: string,
  current: number,
  wanted: number | undefined,
): Promise<number> {
  if (wanted !== undefined) {
    if (wanted >= current) {
      throw NautilusError.validation('rollback', [
        { path: 'version', message: `must be earlier than version ${current}, which the deployment runs; got ${wanted}` },
      ]);
    }
    const row = await db
      .selectFrom('strategy_versions')
      .select(['version', 'draft'])
      .where('strategy_id', '=', strategyId)
      .where('version', '=', wanted)
      .executeTakeFirst();
    if (!row) throw NautilusError.validation('rollback', [{ path: 'version', message: `version ${wanted} does not exist` }]);
    if (row.draft) {
      throw NautilusError.validation('rollback', [
        { path: 'version', message: `version ${wanted} is a draft (saved with type errors) and cannot be deployed` },
      ]);
    }
    return wanted;
  }
  const previous = await db
    .selectFrom('strategy_versions')
    .select('version')
    .where('strategy_id', '=', strategyId)
    .where('version', '<', current)
    .where('draft', '=', false)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!previous) {
    throw NautilusError.validation('rollback', [
      {
        path: 'id',
        message: `the deployment runs version ${current}; there is no earlier version that is not a draft to roll back to`,
      },
    ]);
  }
  return previous.version;
}
