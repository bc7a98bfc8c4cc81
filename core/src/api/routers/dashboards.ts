import { emptyDashboard } from '@nautilus/sdk';
import { z } from 'zod';
import {
  createDashboard,
  dashboardHistory,
  deleteDashboard,
  getDashboard,
  listDashboards,
  moveDashboard,
  restoreDashboard,
  saveDashboard,
} from '../../dashboards/dashboard-store.ts';
import { INITIAL_ACCESS } from '../../sharing/grants.ts';
import { requirePermission } from '../../sharing/permissions.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { version } from './strategy-inputs.ts';

const id = z.string().uuid();
/** A folder name; empty or null files the dashboard at the top level. */
const folder = z.string().trim().max(100).nullable();
const access = z.enum(INITIAL_ACCESS);

/**
 * Every procedure checks the caller's permission on the dashboard (see core/src/sharing/permissions.ts):
 * NOT_FOUND for one they may not view, FORBIDDEN for one they view but may not change.
 */
export const dashboardsRouter = router({
  /** The dashboards the caller may view, newest first; optionally one folder (null: top level) or titles containing `search`. */
  list: viewerProcedure
    .input(z.object({ folder: folder.optional(), search: z.string().max(200).optional() }).optional())
    .query(({ ctx, input }) =>
      listDashboards(ctx.services.db, { actor: ctx.user, folder: input?.folder, search: input?.search }),
    ),

  /** The current document, or an old version from history with `version`; with the caller's permission. */
  get: viewerProcedure.input(z.object({ id, version: version.optional() })).query(async ({ ctx, input }) => {
    const permission = await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'view');
    return { ...(await getDashboard(ctx.services.db, input.id, input.version)), permission };
  }),

  /**
   * Creates from a full document, or an empty dashboard from a title. `access` (default `team`:
   * viewers view, editors edit) or `private` (only the creator and admins until shared).
   */
  create: editorProcedure
    .input(
      z.union([
        z.object({ document: z.unknown(), access: access.optional(), folder: folder.optional() }),
        z.object({ title: z.string().trim().min(1).max(200), access: access.optional(), folder: folder.optional() }),
      ]),
    )
    .mutation(({ ctx, input }) =>
      createDashboard(ctx.services.db, ctx.user.id, 'document' in input ? input.document : emptyDashboard(input.title), {
        access: input.access,
        folder: input.folder,
      }),
    ),

  /** Saves a new version if `baseVersion` is current; CONFLICT otherwise, with nothing written. Needs edit. */
  save: editorProcedure
    .input(z.object({ id, baseVersion: version, document: z.unknown(), message: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'edit');
      return saveDashboard(ctx.services.db, ctx.user.id, input);
    }),

  /** Files the dashboard in a folder (null or empty: the top level). Needs edit. */
  move: editorProcedure.input(z.object({ id, folder })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'edit');
    return { id: input.id, ...(await moveDashboard(ctx.services.db, input.id, input.folder)) };
  }),

  /** Deletes it with its history, grants and share links. Needs admin on it (its owner, or an admin). */
  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'admin');
    await deleteDashboard(ctx.services.db, input.id);
    return { ok: true as const };
  }),

  history: viewerProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'view');
    return dashboardHistory(ctx.services.db, input.id);
  }),

  /** Makes an old version the newest (as a new version). Needs edit. */
  restore: editorProcedure.input(z.object({ id, version, baseVersion: version })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.id, 'edit');
    return restoreDashboard(ctx.services.db, ctx.user.id, input);
  }),
});
