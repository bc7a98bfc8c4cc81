import { z } from 'zod';
import { login } from '../../auth/login.ts';
import { createSession, deleteSession } from '../../auth/sessions.ts';
import { toPublicUser } from '../../auth/users.ts';
import { sessionCookie } from '../context.ts';
import { publicProcedure, router, viewerProcedure } from '../trpc.ts';

export const authRouter = router({
  /** Starts a session: sets an HttpOnly cookie and returns the user. Never batched (see login-batch.ts). */
  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const { db, config, logger, passwordChecks, metrics } = ctx.services;
      const deps = { db, logger, budget: passwordChecks, checks: metrics.passwordChecks };
      const user = await login(deps, { ...input, address: ctx.clientAddress });
      const token = await createSession(db, user.id, config.sessionTtlMs);
      ctx.responseHeaders.append('set-cookie', sessionCookie(token, config));
      return { user: toPublicUser(user) };
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.services.db, ctx.sessionToken);
    ctx.responseHeaders.append('set-cookie', sessionCookie(null, ctx.services.config));
    return { ok: true as const };
  }),

  me: viewerProcedure.query(({ ctx }) => ({ ...toPublicUser(ctx.user), via: ctx.via })),
});
