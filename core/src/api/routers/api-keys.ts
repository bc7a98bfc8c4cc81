import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys.ts';
import { router, viewerProcedure } from '../trpc.ts';

/** Any user manages their own keys (a key acts with its owner's role); admins see and revoke all. */
export const apiKeysRouter = router({
  list: viewerProcedure.query(({ ctx }) => listApiKeys(ctx.services.db, ctx.user.role === 'admin' ? undefined : ctx.user.id)),

  /** Returns the key once; it cannot be shown again. */
  create: viewerProcedure
    .input(z.object({ name: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => createApiKey(ctx.services.db, ctx.user.id, input.name)),

  revoke: viewerProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await revokeApiKey(ctx.services.db, input.id, ctx.user.role === 'admin' ? undefined : ctx.user.id);
    return { ok: true as const };
  }),
});
