import { z } from 'zod';
import { generatePassword } from '../../auth/passwords.ts';
import { createUser, deleteUser, listUsers, toPublicUser, updateUser } from '../../auth/users.ts';
import { ROLES } from '../../db/tables.ts';
import { adminProcedure, router } from '../trpc.ts';

const role = z.enum(ROLES);

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => (await listUsers(ctx.services.db)).map(toPublicUser)),

  /**
   * Creates a user with the password the admin chose (at least 12 characters), or, without one, a
   * random password returned once as `generatedPassword`. There is no default password.
   */
  create: adminProcedure
    .input(z.object({ username: z.string(), password: z.string().optional(), role }))
    .mutation(async ({ ctx, input }) => {
      const generated = input.password === undefined ? generatePassword() : undefined;
      const user = await createUser(ctx.services.db, { ...input, password: input.password ?? (generated as string) });
      return { ...toPublicUser(user), ...(generated ? { generatedPassword: generated } : {}) };
    }),

  /**
   * Changes role, password or disabled state; a password change or disabling ends the user's sessions.
   * `generatePassword: true` sets a random password, returned once as `generatedPassword`.
   */
  update: adminProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        role: role.optional(),
        password: z.string().optional(),
        generatePassword: z.boolean().optional(),
        disabled: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const generated = input.generatePassword && input.password === undefined ? generatePassword() : undefined;
      const user = await updateUser(ctx.services.db, input.id, { ...input, password: input.password ?? generated });
      return { ...toPublicUser(user), ...(generated ? { generatedPassword: generated } : {}) };
    }),

  delete: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await deleteUser(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
