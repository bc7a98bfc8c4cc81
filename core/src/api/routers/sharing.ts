import type { Frame } from '@nautilus/sdk';
import { resolveTimeRange } from '@nautilus/sdk';
import { z } from 'zod';
import { OBJECT_TYPES, PERMISSIONS, ROLES } from '../../db/tables.ts';
import type { QueryTruncation } from '../../plugins/query-limit.ts';
import { runAsRiskCaller } from '../../risk/risk-caller.ts';
import { listGrants, removeGrant, setGrant } from '../../sharing/grants.ts';
import { requirePermission } from '../../sharing/permissions.ts';
import { shareCookie } from '../../sharing/share-cookie.ts';
import {
  createShareLink,
  listShareLinks,
  openShareLink,
  revokeShareLink,
  shareLinkDashboard,
} from '../../sharing/share-links.ts';
import { sharedPanelFor } from '../../sharing/share-query.ts';
import { editorProcedure, publicProcedure, router } from '../trpc.ts';

const uuid = z.string().uuid();
const object = { objectType: z.enum(OBJECT_TYPES), objectId: uuid };
const grantee = { granteeType: z.enum(['user', 'role']), grantee: z.string().min(1).max(100) };
const token = z.string().min(8).max(200);
const timeText = z.string().min(1).max(40);
const variables = z
  .record(z.string().min(1).max(100), z.string().max(500))
  .refine((record) => Object.keys(record).length <= 100, 'at most 100 variables');

/**
 * Per-object grants and read-only share links. Managing either needs `admin` on the object (its
 * owner, an admin, or a user granted admin). `open` and `query` are the only procedures a link's
 * holder can call: they take the token itself, which is no credential anywhere else.
 */
export const sharingRouter = router({
  /** Who may do what with an object (its owner always has admin): for the Share dialog. */
  grants: editorProcedure.input(z.object(object)).query(async ({ ctx, input }) => {
    const { db } = ctx.services;
    await requirePermission(db, ctx.user, input.objectType, input.objectId, 'admin');
    return listGrants(db, input.objectType, input.objectId);
  }),

  /** Gives a user (by id) or a role (which covers higher roles too) view, edit or admin; replaces their grant. */
  grant: editorProcedure
    .input(z.object({ ...object, ...grantee, permission: z.enum(PERMISSIONS) }))
    .mutation(async ({ ctx, input }) => {
      const { db } = ctx.services;
      await requirePermission(db, ctx.user, input.objectType, input.objectId, 'admin');
      await setGrant(db, { ...input, type: input.objectType, id: input.objectId, by: ctx.user.id });
      return { id: input.objectId, ok: true as const };
    }),

  revoke: editorProcedure.input(z.object({ ...object, ...grantee })).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    await requirePermission(db, ctx.user, input.objectType, input.objectId, 'admin');
    await removeGrant(db, { ...input, type: input.objectType, id: input.objectId });
    return { id: input.objectId, ok: true as const };
  }),

  /** The enabled users and the roles one can share with (names only). */
  people: editorProcedure.query(async ({ ctx }) => ({
    users: await ctx.services.db
      .selectFrom('users')
      .select(['id', 'username', 'role'])
      .where('disabled_at', 'is', null)
      .orderBy('username')
      .execute(),
    roles: ROLES,
  })),

  /** A dashboard's share links, with their state (active, expired, revoked); never their tokens. */
  links: editorProcedure.input(z.object({ dashboardId: uuid })).query(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.dashboardId, 'admin');
    return listShareLinks(ctx.services.db, input.dashboardId);
  }),

  /**
   * A read-only link to the dashboard that opens with these variable values and time range, until
   * `expiresAt` (epoch ms, at most a year ahead). The token is returned once.
   */
  createLink: editorProcedure
    .input(
      z.object({
        dashboardId: uuid,
        expiresAt: z.number().int().positive(),
        variables: variables.default({}),
        timeRange: z.object({ from: timeText, to: timeText }),
        label: z.string().max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requirePermission(ctx.services.db, ctx.user, 'dashboard', input.dashboardId, 'admin');
      return createShareLink(ctx.services.db, { ...input, by: ctx.user.id });
    }),

  revokeLink: editorProcedure.input(z.object({ id: uuid })).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const dashboardId = await shareLinkDashboard(db, input.id);
    await requirePermission(db, ctx.user, 'dashboard', dashboardId, 'admin');
    await revokeShareLink(db, input.id);
    return { id: input.id, ok: true as const };
  }),

  /**
   * For a link's holder, without an account: the dashboard's current document, the variable values
   * and time range it opens with, and the widgets its panels use. Sets the cookie that lets the
   * browser load those widgets' bundles.
   */
  open: publicProcedure.input(z.object({ token })).query(async ({ ctx, input }) => {
    const { db, plugins, config } = ctx.services;
    const link = await openShareLink(db, input.token);
    const types = new Set(link.document.panels.map((panel) => panel.type));
    const refs = new Set(link.document.panels.flatMap((panel) => (panel.query ? [panel.query.dataSource] : [])));
    ctx.responseHeaders.append('set-cookie', shareCookie(input.token, link.expiresAt, config.cookieSecure));
    return {
      document: link.document,
      values: link.values,
      timeRange: link.timeRange,
      expiresAt: link.expiresAt.toISOString(),
      widgets: plugins
        .widgets()
        .filter((widget) => types.has(widget.type))
        .map(({ type, pluginId, pluginVersion, bundleUrl, descriptor }) => ({
          type,
          pluginId,
          pluginVersion,
          bundleUrl,
          ...descriptor,
        })),
      dataSources: plugins
        .dataSources()
        .filter((source) => refs.has(source.ref))
        .map(({ ref, descriptor }) => ({ ref, name: descriptor.name })),
    };
  }),

  /**
   * Runs one of the shared dashboard's panel queries: `params` must be a panel's, with the link's
   * variable values filled in (FORBIDDEN otherwise); the range is always the link's. Risk figures
   * are bounded by the viewer caps.
   */
  query: publicProcedure
    .input(z.object({ token, dataSource: z.string().min(1).max(200), params: z.record(z.string(), z.unknown()) }))
    .query(async ({ ctx, input, signal }) => {
      const { db, plugins, config } = ctx.services;
      const link = await openShareLink(db, input.token);
      sharedPanelFor(link.document, link.values, input.dataSource, input.params);
      const range = resolveTimeRange(link.timeRange, Date.now());
      const caller = { role: 'viewer' as const, caps: config.riskCaps, signal };
      const { frames, truncation } = await runAsRiskCaller(caller, () =>
        plugins.queryLimited(input.dataSource, { params: input.params, range, maxPoints: config.maxQueryPoints }),
      );
      const result: { frames: Frame[]; range: typeof range; truncation?: QueryTruncation } = { frames, range };
      if (truncation) result.truncation = truncation;
      return result;
    }),
});
