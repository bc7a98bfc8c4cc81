import { checkLimitSet, type LimitSet, NautilusError } from '@nautilus/sdk';
import { z } from 'zod';
import type { Permission } from '../../db/tables.ts';
import {
  createPortfolio,
  deletePortfolio,
  getPortfolio,
  listPortfolios,
  type PortfolioInput,
  updatePortfolio,
} from '../../risk/portfolio-store.ts';
import { INITIAL_ACCESS } from '../../sharing/grants.ts';
import { requirePermission } from '../../sharing/permissions.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { dataSource, uuid as id, symbol, version, withBarsSource } from './strategy-inputs.ts';

const position = z
  .object({
    symbol,
    quantity: z.number().finite(),
    assetClass: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

const portfolioFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2_000).nullish(),
    capital: z.number().finite().positive(),
    dataSource,
    positions: z.array(position).max(500),
    /** Checked by the sdk's checkLimitSet, which names the field and the rule. */
    limits: z.unknown().nullish(),
  })
  .strict();

function withLimits<T extends { limits?: unknown }>(input: T): T & { limits: LimitSet | null } {
  if (input.limits === undefined || input.limits === null) return { ...input, limits: null };
  const issues = checkLimitSet(input.limits, 'limits');
  if (issues.length) throw NautilusError.validation('portfolio limits', issues);
  return { ...input, limits: input.limits as LimitSet };
}

/**
 * Portfolios: positions, capital and a limit set; what the risk views and pre-trade checks work on.
 * Each procedure checks the caller's permission on the portfolio (see sharing/permissions.ts).
 */
export const portfoliosRouter = router({
  list: viewerProcedure.query(({ ctx }) => listPortfolios(ctx.services.db, ctx.user)),
  get: viewerProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const permission = await requirePermission(ctx.services.db, ctx.user, 'portfolio', input.id, 'view');
    return { ...(await getPortfolio(ctx.services.db, input.id)), permission };
  }),
  /** `access`: `team` (default: viewers view, editors edit) or `private` (the creator and admins until shared). */
  create: editorProcedure
    .input(portfolioFields.extend({ access: z.enum(INITIAL_ACCESS).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { access, ...fields } = input;
      const portfolio = await createPortfolio(
        ctx.services.db,
        ctx.user.id,
        withLimits(withBarsSource(fields, ctx.services.plugins.roles)) as PortfolioInput,
        access,
      );
      // Its creator owns it.
      return { ...portfolio, permission: 'admin' as Permission };
    }),
  /** Replaces the portfolio if `baseVersion` is current; CONFLICT otherwise, nothing written. */
  update: editorProcedure.input(portfolioFields.extend({ id, baseVersion: version })).mutation(async ({ ctx, input }) => {
    const permission = await requirePermission(ctx.services.db, ctx.user, 'portfolio', input.id, 'edit');
    const portfolio = await updatePortfolio(
      ctx.services.db,
      withLimits(withBarsSource(input, ctx.services.plugins.roles)) as PortfolioInput & { id: string; baseVersion: number },
    );
    return { ...portfolio, permission };
  }),
  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await requirePermission(ctx.services.db, ctx.user, 'portfolio', input.id, 'admin');
    await deletePortfolio(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
