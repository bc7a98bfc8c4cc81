import { z } from 'zod';
import { DEPLOYMENT_STATUSES } from '../../db/tables.ts';
import { getDeployment, listDeployments } from '../../deployments/deployment-store.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { backtestConfig, dataSource, uuid as id, params, symbol, timeframe, version, withBarsSource } from './strategy-inputs.ts';

export const deploymentsRouter = router({
  /**
   * Deploys a strategy version to paper trading on a live feed and returns it once warmed up (as
   * `failed`, with the reason, if the warm-up broke). `replay` starts that many bars in the past at
   * `speed` times real time, for demos and tests.
   */
  deploy: editorProcedure
    .input(
      z.object({
        strategyId: id,
        version: version.optional(),
        params: params.optional(),
        config: backtestConfig.optional(),
        limits: z
          .object({
            memoryMb: z.number().int().min(8).max(512).optional(),
            batchTimeoutMs: z.number().int().min(10).max(60_000).optional(),
            runCpuMs: z.number().int().min(100).max(3_600_000).optional(),
          })
          .strict()
          .optional(),
        dataSource,
        symbol,
        timeframe,
        warmupBars: z.number().int().min(0).max(10_000).optional(),
        replay: z.object({ bars: z.number().int().min(1).max(100_000), speed: z.number().min(1).max(1_000_000) }).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.deployments.deploy(ctx.user.id, withBarsSource(input, ctx.services.plugins.roles)),
    ),

  /** Stops it (onStop runs) with the reason recorded; stopping one that already ended changes nothing. */
  stop: editorProcedure
    .input(z.object({ id, reason: z.string().trim().min(1).max(200).optional() }))
    .mutation(({ ctx, input }) => ctx.services.deployments.stop(input.id, input.reason ?? `stopped by ${ctx.user.username}`)),

  /**
   * Stops it and deploys an earlier version (`version`, else the newest earlier one that is not a
   * draft) with the same params, market and settings, in one action. Drafts and versions that do not
   * type-check are refused; a version whose last run failed needs `confirm: true` (CONFLICT with
   * `details.confirm: 'last-run-failed'` and the run otherwise).
   */
  rollback: editorProcedure
    .input(z.object({ id, version: version.optional(), confirm: z.boolean().optional() }))
    .mutation(({ ctx, input }) =>
      ctx.services.deployments.rollback(input.id, ctx.user.id, { version: input.version, confirm: input.confirm }),
    ),

  list: viewerProcedure
    .input(
      z
        .object({
          strategyId: id.optional(),
          status: z.enum(DEPLOYMENT_STATUSES).optional(),
          limit: z.number().int().min(1).max(500).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listDeployments(ctx.services.db, input)),

  /** With its account snapshot and recent activity (fills, trades, logs, equity), at most a few seconds old. */
  get: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => getDeployment(ctx.services.db, input.id)),

  /**
   * Server-sent events: `{ type: 'snapshot', deployment }` first, then status, account, bar, fills,
   * trades, logs and notice events as they happen; ends when the deployment stops.
   */
  watch: viewerProcedure.input(z.object({ id })).subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.services.deployments.watch(input.id, signal ?? new AbortController().signal);
  }),
});
