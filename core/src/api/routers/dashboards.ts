import { emptyDashboard } from '@nautilus/sdk';
import { z } from 'zod';
import {
  createDashboard,
  dashboardHistory,
  deleteDashboard,
  getDashboard,
  listDashboards,
  restoreDashboard,
  saveDashboard,
} from '../../dashboards/dashboard-store.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { version } from './strategy-inputs.ts';

const id = z.string().uuid();

export const dashboardsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listDashboards(ctx.services.db)),

  /** The current document, or an old version from history with `version`. */
  get: viewerProcedure
    .input(z.object({ id, version: version.optional() }))
    .query(({ ctx, input }) => getDashboard(ctx.services.db, input.id, input.version)),

  /** Creates from a full document, or an empty dashboard from a title. */
  create: editorProcedure
    .input(z.union([z.object({ document: z.unknown() }), z.object({ title: z.string().trim().min(1).max(200) })]))
    .mutation(({ ctx, input }) =>
      createDashboard(ctx.services.db, ctx.user.id, 'document' in input ? input.document : emptyDashboard(input.title)),
    ),

  /** Saves a new version if `baseVersion` is current; CONFLICT otherwise, with nothing written. */
  save: editorProcedure
    .input(z.object({ id, baseVersion: version, document: z.unknown(), message: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => saveDashboard(ctx.services.db, ctx.user.id, input)),

  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deleteDashboard(ctx.services.db, input.id);
    return { ok: true as const };
  }),

  history: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => dashboardHistory(ctx.services.db, input.id)),

  /** Makes an old version the newest (as a new version). */
  restore: editorProcedure
    .input(z.object({ id, version, baseVersion: version }))
    .mutation(({ ctx, input }) => restoreDashboard(ctx.services.db, ctx.user.id, input)),
});
