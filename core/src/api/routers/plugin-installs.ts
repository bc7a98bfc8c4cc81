import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';

const pluginId = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'a plugin id such as acme.ticks');
const version = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z.+-]+$/, 'a semver version such as 1.2.3');
const integrity = z.string().regex(/^sha512-[A-Za-z0-9+/]{86}==$/, 'a sha512 integrity: sha512-<base64>');
const byId = z.strictObject({ pluginId });
const byVersion = z.strictObject({ pluginId, version });

/**
 * Installing plugin packages (admins only): a package is staged (from an upload, POST
 * /plugin-packages, or from the npm registry), reviewed, approved, then enabled, disabled, updated,
 * rolled back or uninstalled while the server runs. Signing keys and the require-signed setting too.
 */
export const pluginInstallsRouter = router({
  /** Installed plugins with state, version, source, signature, permissions and errors; staged packages of new plugins. */
  list: adminProcedure.query(({ ctx }) => ctx.services.pluginInstalls.list()),
  /** The review of a staged (or installed) version: what it declares and what it adds. */
  review: adminProcedure
    .input(byVersion)
    .query(({ ctx, input }) => ctx.services.pluginInstalls.review(input.pluginId, input.version)),
  /** Downloads `name@version` (or a range, or latest) from the configured registry and stages it for review. */
  stageFromRegistry: adminProcedure
    .input(
      z.strictObject({
        name: z.string().min(1).max(214),
        version: z.string().min(1).max(100).optional(),
        integrity: integrity.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.pluginInstalls.stageFromRegistry(input.name, input.version, input.integrity, ctx.user.id),
    ),
  /** Approves a staged version (the integrity the admin reviewed) and loads it; an update replaces the running version. */
  approve: adminProcedure
    .input(z.strictObject({ pluginId, version, integrity }))
    .mutation(({ ctx, input }) =>
      ctx.services.pluginInstalls.approve(input.pluginId, input.version, input.integrity, ctx.user.id),
    ),
  /** Drops a staged version nobody approved. */
  discard: adminProcedure.input(byVersion).mutation(async ({ ctx, input }) => {
    await ctx.services.pluginInstalls.discard(input.pluginId, input.version);
    return { discarded: true };
  }),
  enable: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.enable(input.pluginId, ctx.user.id)),
  disable: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.disable(input.pluginId, ctx.user.id)),
  /** A registry-installed plugin's newer version: applied at once unless it asks for more permissions. */
  update: adminProcedure
    .input(z.strictObject({ pluginId, version: z.string().min(1).max(100).optional() }))
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.update(input.pluginId, input.version, ctx.user.id)),
  rollback: adminProcedure
    .input(byId)
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.rollback(input.pluginId, ctx.user.id)),
  /** Dashboards, running deployments and portfolios that use the plugin. */
  dependents: adminProcedure.input(byId).query(({ ctx, input }) => ctx.services.pluginInstalls.dependents(input.pluginId)),
  /** Uninstalls after the admin saw the dependents: `confirm: true` says so. */
  uninstall: adminProcedure
    .input(z.strictObject({ pluginId, confirm: z.literal(true, 'confirm with true once the dependents were shown') }))
    .mutation(async ({ ctx, input }) => {
      const dependents = await ctx.services.pluginInstalls.dependents(input.pluginId);
      await ctx.services.pluginInstalls.uninstall(input.pluginId);
      return { uninstalled: true, dependents };
    }),
  trustedKeys: adminProcedure.query(({ ctx }) => ctx.services.pluginInstalls.trust.keys()),
  addTrustedKey: adminProcedure
    .input(z.strictObject({ name: z.string().trim().min(1).max(100), publicKey: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.trust.addKey(input.name, input.publicKey, ctx.user.id)),
  removeTrustedKey: adminProcedure
    .input(z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{16}$/, 'a key id: 16 hex characters') }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.pluginInstalls.trust.removeKey(input.keyId);
      return { removed: true };
    }),
  requireSigned: adminProcedure.query(({ ctx }) => ctx.services.pluginInstalls.trust.requireSigned()),
  setRequireSigned: adminProcedure
    .input(z.strictObject({ value: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.pluginInstalls.trust.setRequireSigned(input.value)),
});
