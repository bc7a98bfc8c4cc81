import { z } from 'zod';
import { createUser, deleteUser, listUsers, toPublicUser, updateUser } from '../../auth/users.ts';
import { ROLES } from '../../db/tables.ts';
import { adminProcedure, router } from '../trpc.ts';

const role = z.enum(ROLES);

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => (await listUsers(ctx.services.db)).map(toPublicUser)),

  create: adminProcedure
    .input(z.object({ username: z.string(), password: z.string(), role }))
    .mutation(async ({ ctx, input }) => toPublicUser(await createUser(ctx.services.db, input))),

  /** Changes role, password or disabled state; a password change or disabling ends the user's sessions. */
  update: adminProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        role: role.optional(),
        password: z.string().optional(),
        disabled: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => toPublicUser(await updateUser(ctx.services.db, input.id, input))),

  delete: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await deleteUser(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
