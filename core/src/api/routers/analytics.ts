import { VAR_METHODS } from '@nautilus/sdk';
import { z } from 'zod';
import { backtestExecution } from '../../analytics/backtest-execution.ts';
import { backtestTearSheet } from '../../analytics/backtest-tear-sheet.ts';
import { deploymentExecution } from '../../analytics/deployment-execution.ts';
import { deploymentTearSheet } from '../../analytics/deployment-tear-sheet.ts';
import { portfolioAttribution } from '../../analytics/portfolio-attribution.ts';
import { portfolioTearSheet } from '../../analytics/portfolio-tear-sheet.ts';
import { router, viewerProcedure } from '../trpc.ts';
import { dataSource, uuid as id, symbol, timeframe } from './strategy-inputs.ts';

/** Tear-sheet options every object's procedure takes; zod names the field of a bad value. */
const tearSheetOptions = {
  /** Any bars series; default the simulated index's daily bars. */
  benchmark: z.object({ dataSource, symbol, timeframe: timeframe.optional() }).strict().optional(),
  /** Annual risk-free rate as a fraction, e.g. 0.02. */
  riskFreeRate: z.number().min(-0.2).max(1).optional(),
  risk: z
    .object({ method: z.enum(VAR_METHODS).optional(), confidence: z.number().gt(0.5).lt(1).optional() })
    .strict()
    .optional(),
};

export const analyticsRouter = router({
  /**
   * A finished backtest run's tear sheet (viewers, like `backtests.get`): every metric with its
   * formula and conventions, drawdown periods, monthly and yearly returns, rolling Sharpe and
   * volatility, trade figures, benchmark-relative figures and daily VaR / ES of the equity.
   */
  backtestTearSheet: viewerProcedure
    .input(z.object({ id, ...tearSheetOptions }).strict())
    .query(({ ctx, input, signal }) => backtestTearSheet(ctx.services, input.id, input, signal)),

  /**
   * A finished backtest run's execution quality (viewers, like `backtests.get`): implementation
   * shortfall against the decision and arrival prices, slippage in bps, fill ratio, by order type.
   */
  backtestExecution: viewerProcedure
    .input(z.object({ id }).strict())
    .query(({ ctx, input }) => backtestExecution(ctx.services, input.id)),

  /**
   * A paper deployment's execution quality (viewers, like `deployments.get`): the figures of
   * `backtestExecution` from every order it placed, with the decision and arrival prices it recorded.
   */
  deploymentExecution: viewerProcedure
    .input(z.object({ id }).strict())
    .query(({ ctx, input }) => deploymentExecution(ctx.services.db, input.id)),

  /**
   * A paper deployment's tear sheet (viewers, like `deployments.get`) from the equity and trades it
   * keeps (its last 2,000 bars), on daily closes once they span 20 days.
   */
  deploymentTearSheet: viewerProcedure
    .input(z.object({ id, ...tearSheetOptions }).strict())
    .query(({ ctx, input, signal }) => deploymentTearSheet(ctx.services, input.id, input, signal)),

  /**
   * A portfolio's tear sheet, for callers who may view the portfolio (NOT_FOUND otherwise, like
   * `portfolios.get`): today's holdings over the last `days` daily closes, as P&L on its capital.
   */
  portfolioTearSheet: viewerProcedure
    .input(z.object({ id, days: z.number().int().min(20).max(2_520).optional(), ...tearSheetOptions }).strict())
    .query(({ ctx, input, signal }) => portfolioTearSheet(ctx.services, ctx.user, input.id, input, signal)),

  /**
   * Brinson–Fachler attribution of a portfolio (for callers who may view it) against a benchmark
   * weight set (`weights`: symbol → fraction, summing to 1), by instrument and by asset class, linked
   * over the last `days` daily periods, with the residual check.
   */
  portfolioAttribution: viewerProcedure
    .input(
      z
        .object({
          id,
          weights: z
            .record(symbol, z.number().min(-10).max(10))
            .refine((weights) => Object.keys(weights).length > 0, 'name at least one symbol'),
          days: z.number().int().min(5).max(2_520).optional(),
        })
        .strict(),
    )
    .query(({ ctx, input }) => portfolioAttribution(ctx.services, ctx.user, input.id, input)),
});
