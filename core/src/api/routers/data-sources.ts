import type { Frame } from '@nautilus/sdk';
import { resolveTimeRange } from '@nautilus/sdk';
import { z } from 'zod';
import type { QueryTruncation } from '../../plugins/query-limit.ts';
import { router, viewerProcedure } from '../trpc.ts';

const time = z.union([z.string().min(1).max(40), z.number()]);

export const dataSourcesRouter = router({
  /** Data sources of active plugins, with the JSON Schema of their query params. */
  list: viewerProcedure.query(({ ctx }) =>
    ctx.services.plugins.dataSources().map(({ ref, pluginId, descriptor }) => ({ ref, pluginId, ...descriptor })),
  ),

  /**
   * Runs one query. `range` takes `now-7d`-style or ISO times (resolved here, so every plugin sees
   * epoch milliseconds); `params` are checked against the source's declared schema.
   */
  query: viewerProcedure
    .input(
      z.object({
        dataSource: z
          .string()
          .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\/[a-z][a-z0-9-]*$/, 'expected <pluginId>/<dataSourceId>'),
        params: z.record(z.string(), z.unknown()),
        range: z.object({ from: time, to: time }).default({ from: 'now-30d', to: 'now' }),
        maxPoints: z.number().int().min(1).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { plugins, config } = ctx.services;
      const range = resolveTimeRange(input.range, Date.now());
      const maxPoints = Math.min(input.maxPoints ?? config.maxQueryPoints, config.maxQueryPoints);
      // A cut answer says so (`truncation`: the limit, the oldest time kept, a timeframe that fits).
      const { frames, truncation } = await plugins.queryLimited(input.dataSource, { params: input.params, range, maxPoints });
      const result: { frames: Frame[]; range: typeof range; truncation?: QueryTruncation } = { frames, range };
      if (truncation) result.truncation = truncation;
      return result;
    }),
});
