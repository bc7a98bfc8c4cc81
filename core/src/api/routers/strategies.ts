import { z } from 'zod';
import { INITIAL_ACCESS } from '../../sharing/grants.ts';
import { requirePermission } from '../../sharing/permissions.ts';
import {
  createStrategy,
  deleteStrategy,
  getStrategy,
  listStrategies,
  renameStrategy,
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
 * Strategies are TypeScript files kept with every version. Saving compiles and type-checks first: a
 * source that does not compile, or has type errors against the sdk's strategy API, gets VALIDATION
 * with `details.line`, `details.column` and `details.diagnostics` (type errors add
 * `details.typeErrors` and `draftAllowed`), and nothing is written; `draft: true` stores a source
 * with type errors as a draft, which backtests can run and deployments refuse. Each procedure checks the caller's permission on the strategy (NOT_FOUND when
 * they may not view it, FORBIDDEN when they may view but not change it; see sharing/permissions.ts).
 */
export const strategiesRouter = router({
  list: viewerProcedure.query(({ ctx }) => listStrategies(ctx.services.db, ctx.user)),

  /** The latest version (or `version`): source, declared params spec, message, diff from the previous. */
  get: viewerProcedure.input(z.object({ id, version: version.optional() })).query(async ({ ctx, input }) => {
    const permission = await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'view');
    return { ...(await getStrategy(ctx.services.db, input.id, input.version)), permission };
  }),

  create: editorProcedure
    .input(
      z.object({
        source,
        name: name.optional(),
        description: description.optional(),
        message: message.optional(),
        access: z.enum(INITIAL_ACCESS).optional(),
        draft: z.boolean().optional(),
      }),
    )
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
        draft: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'edit');
      return saveStrategy(ctx.services.db, ctx.user.id, input);
    }),

  /** Renames it (no new version); CONFLICT when another strategy has the name (ignoring case). */
  rename: editorProcedure.input(z.object({ id, name })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'edit');
    return renameStrategy(ctx.services.db, input.id, input.name);
  }),

  versions: viewerProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'view');
    return strategyVersions(ctx.services.db, input.id);
  }),

  /** Unified diff between two versions; `from` defaults to the one before `to`. */
  diff: viewerProcedure.input(z.object({ id, to: version, from: version.optional() })).query(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'view');
    return strategyDiff(ctx.services.db, input.id, input.to, input.from);
  }),

  /** Deletes it with its versions, runs and stopped deployments; CONFLICT while a deployment runs. */
  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'strategy', input.id, 'admin');
    await deleteStrategy(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
