import { NautilusError } from '@nautilus/sdk';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys.ts';
import { getUser } from '../../auth/users.ts';
import { router, viewerProcedure } from '../trpc.ts';

/** Any user manages their own keys (a key acts with its owner's role); admins see and revoke all. */
export const apiKeysRouter = router({
  list: viewerProcedure.query(({ ctx }) => listApiKeys(ctx.services.db, ctx.user.role === 'admin' ? undefined : ctx.user.id)),

  /** Returns the key once; it cannot be shown again. Admins may make one for another user (`userId`). */
  create: viewerProcedure
    .input(z.object({ name: z.string().min(1).max(100), userId: z.string().uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      const owner = input.userId ?? ctx.user.id;
      if (owner !== ctx.user.id) {
        if (ctx.user.role !== 'admin')
          throw new NautilusError(
            'FORBIDDEN',
            'Only admins make API keys for other users; leave userId out for a key of your own.',
          );
        await getUser(ctx.services.db, owner);
      }
      return createApiKey(ctx.services.db, owner, input.name);
    }),

  revoke: viewerProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await revokeApiKey(ctx.services.db, input.id, ctx.user.role === 'admin' ? undefined : ctx.user.id);
    return { ok: true as const };
  }),
});
