import { checkLimitSet, type LimitSet, NautilusError } from '@nautilus/sdk';
import { z } from 'zod';
import {
  createPortfolio,
  deletePortfolio,
  getPortfolio,
  listPortfolios,
  type PortfolioInput,
  updatePortfolio,
} from '../../risk/portfolio-store.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { dataSource, uuid as id, symbol, version } from './strategy-inputs.ts';

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

/** Portfolios: positions, capital and a limit set; what the risk views and pre-trade checks work on. */
export const portfoliosRouter = router({
  list: viewerProcedure.query(({ ctx }) => listPortfolios(ctx.services.db)),
  get: viewerProcedure.input(z.object({ id })).query(({ ctx, input }) => getPortfolio(ctx.services.db, input.id)),
  create: editorProcedure
    .input(portfolioFields)
    .mutation(({ ctx, input }) => createPortfolio(ctx.services.db, ctx.user.id, withLimits(input) as PortfolioInput)),
  /** Replaces the portfolio if `baseVersion` is current; CONFLICT otherwise, nothing written. */
  update: editorProcedure
    .input(portfolioFields.extend({ id, baseVersion: version }))
    .mutation(({ ctx, input }) =>
      updatePortfolio(ctx.services.db, withLimits(input) as PortfolioInput & { id: string; baseVersion: number }),
    ),
  delete: editorProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await deletePortfolio(ctx.services.db, input.id);
    return { ok: true as const };
  }),
});
