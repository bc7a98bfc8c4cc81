import { z } from 'zod';
import { login } from '../../auth/login.ts';
import { createSession, deleteSession } from '../../auth/sessions.ts';
import { toPublicUser } from '../../auth/users.ts';
import { sessionCookie } from '../context.ts';
import { publicProcedure, router, viewerProcedure } from '../trpc.ts';

export const authRouter = router({
  /** Starts a session: sets an HttpOnly cookie and returns the user. */
  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const { db, config } = ctx.services;
      const user = await login(db, input.username, input.password);
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
