import { z } from 'zod';
import {
  createStrategy,
  deleteStrategy,
  getStrategy,
  listStrategies,
  saveStrategy,
  strategyDiff,
  strategyVersions,
} from '../../strategies/strategy-store.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { uuid as id, version } from './strategy-inputs.ts';

const source = z.string().min(1).max(1_000_000);
const name = z.string().trim().min(1).max(200);
const description = z.string().max(2_000);
const message = z.string().max(500);

/**
 * Strategies are TypeScript files kept with every version. Saving compiles first: a source that does
 * not compile gets VALIDATION with `details.line`, `details.column` and `details.diagnostics`, and
 * nothing is written.
 */
export const strategiesRouter = router({
  list: viewerProcedure.query(({ ctx }) => listStrategies(ctx.services.db)),

  /** The latest version (or `version`): source, declared params spec, message, diff from the previous. */
  get: viewerProcedure
    .input(z.object({ id, version: version.optional() }))
    .query(({ ctx, input }) => getStrategy(ctx.services.db, input.id, input.version)),

  create: editorProcedure
    .input(z.object({ source, name: name.optional(), description: description.optional(), message: message.optional() }))
    .mutation(({ ctx, input }) => createStrategy(ctx.services.db, ctx.user.id, input)),

  /** A new version if `baseVersion` is the latest (CONFLICT otherwise); `unchanged` when the source is the same. */
  save: editorProcedure
    .input(
      z.object({
        id,
        baseVersion: version,
        source,
        message: message.optional(),
        name: name.optional(),
        description: description.optional(),
      }),
    )
    .mutation(({ ctx, input }) => saveStrategy(ctx.services.db, ctx.user.id, input)),

  versions: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => strategyVersions(ctx.services.db, input.id)),

  /** Unified diff between two versions; `from` defaults to the one before `to`. */
  diff: viewerProcedure
    .input(z.object({ id, to: version, from: version.optional() }))
    .query(({ ctx, input }) => strategyDiff(ctx.services.db, input.id, input.to, input.from)),

  /** Deletes it with its versions, runs and stopped deployments; CONFLICT while a deployment runs. */
  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deleteStrategy(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
