import { resolveTimeRange } from '@nautilus/sdk';
import { z } from 'zod';
import { MAX_SWEEP_POINTS } from '../../sweeps/sweep-grid.ts';
import { MAX_FOLDS } from '../../sweeps/walk-forward.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { backtestConfig, dataSource, uuid as id, symbol, time, timeframe, version, withBarsSource } from './strategy-inputs.ts';

const axisValue = z.union([z.number().finite(), z.boolean(), z.string().max(200)]);
const axis = z
  .object({
    values: z.array(axisValue).min(1).max(500).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    step: z.number().finite().positive().optional(),
  })
  .strict();

export const sweepsRouter = router({
  /**
   * Starts a sweep over the version's declared params and returns its id at once: `grid` (every
   * combination), `random` (a seeded sample of `budget` points) or `walk-forward` (the grid on each
   * in-sample fold, its best point on the next window). At most 2,000 backtests. Poll `sweeps.get`.
   */
  create: editorProcedure
    .input(
      z.object({
        strategyId: id,
        version: version.optional(),
        mode: z.enum(['grid', 'random', 'walk-forward']),
        axes: z.record(z.string().min(1).max(100), axis),
        budget: z.number().int().min(1).max(MAX_SWEEP_POINTS).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .optional(),
        walkForward: z
          .object({ folds: z.number().int().min(1).max(MAX_FOLDS), inSampleWindows: z.number().int().min(1).max(10).optional() })
          .optional(),
        metric: z.enum(['sharpe', 'totalReturn']).optional(),
        config: backtestConfig.optional(),
        dataSource,
        symbol,
        timeframe,
        range: z.object({ from: time, to: time }),
      }),
    )
    .mutation(({ ctx, input }) => {
      const range = resolveTimeRange(input.range, Date.now());
      return ctx.services.sweeps.create(ctx.user.id, {
        ...withBarsSource(input, ctx.services.plugins.roles),
        from: range.from,
        to: range.to,
      });
    }),

  /** A sweep with progress, every point and its result so far, the best point, PBO and deflated Sharpe (or walk-forward folds). */
  get: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => ctx.services.sweeps.get(input.id)),

  /** Sweeps without points, newest first. */
  list: viewerProcedure
    .input(z.object({ strategyId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => ctx.services.sweeps.list(input)),

  /** Saves a new strategy version whose param defaults are the given point's params (on top of `baseVersion`, the latest). */
  saveAsVersion: editorProcedure
    .input(z.object({ id, idx: z.number().int().min(0).max(100_000), baseVersion: version }))
    .mutation(({ ctx, input }) => ctx.services.sweeps.saveAsVersion(ctx.user.id, input)),

  /** Stops a running sweep: points not yet started are skipped; results stored so far stay. */
  cancel: editorProcedure.input(z.object({ id })).mutation(({ ctx, input }) => ctx.services.sweeps.cancel(input.id)),
});
