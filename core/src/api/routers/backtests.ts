import { resolveTimeRange } from '@nautilus/sdk';
import { z } from 'zod';
import { compareRuns, getRun, listRuns } from '../../backtests/backtest-store.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import {
  backtestConfig,
  dataSource,
  uuid as id,
  params,
  symbol,
  time,
  timeframe,
  version,
  withBarsSource,
} from './strategy-inputs.ts';

export const backtestsRouter = router({
  /**
   * Queues a backtest and returns its id at once. Checked before anything is stored: the strategy
   * version, params against its spec, config, data source and symbol. Poll `backtests.get` for
   * `status` and `progress`.
   */
  run: editorProcedure
    .input(
      z.object({
        strategyId: id,
        version: version.optional(),
        params: params.optional(),
        config: backtestConfig.optional(),
        dataSource,
        symbol,
        timeframe,
        range: z.object({ from: time, to: time }),
      }),
    )
    .mutation(({ ctx, input }) => {
      const range = resolveTimeRange(input.range, Date.now());
      return ctx.services.backtests.submit(ctx.user.id, {
        ...withBarsSource(input, ctx.services.plugins.roles),
        from: range.from,
        to: range.to,
      });
    }),

  /** A run with its status, progress (0..1), metrics, stored result (curves downsampled) or error. */
  get: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => getRun(ctx.services.db, input.id)),

  /** Runs without results, newest first. */
  list: viewerProcedure
    .input(
      z
        .object({ strategyId: id.optional(), version: version.optional(), limit: z.number().int().min(1).max(500).default(50) })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listRuns(ctx.services.db, input)),

  /**
   * Metrics of several runs side by side, in the order given; with `curves: true` each also carries
   * its stored equity curve and initial cash, to overlay them.
   */
  compare: viewerProcedure
    .input(z.object({ ids: z.array(id).min(1).max(20), curves: z.boolean().optional() }))
    .query(({ ctx, input }) => compareRuns(ctx.services.db, input.ids, { curves: input.curves === true })),

  /** The OHLCV bars a run trades on (its data source, symbol, timeframe and range), for its price chart. */
  bars: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => ctx.services.backtests.bars(input.id)),
});
