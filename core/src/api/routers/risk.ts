import { EARLIEST_TIME, LATEST_TIME, NautilusError } from '@nautilus/sdk';
import { z } from 'zod';
import { ALERT_SOURCES } from '../../db/tables.ts';
import { listAlertGroups, markAlertsRead } from '../../risk/alert-groups.ts';
import { listAlerts, recordAlerts } from '../../risk/alert-store.ts';
import { checkRiskSize, checkStressSize, type RiskSize, type RiskSizeFields } from '../../risk/check-risk-size.ts';
import { defaultBacktestPaths, VAR_METHODS } from '../../risk/risk-service.ts';
import { STRESS_PRESETS, stressScenario } from '../../risk/stress-scenarios.ts';
import { editorProcedure, router, viewerProcedure } from '../trpc.ts';
import { symbol, uuid } from './strategy-inputs.ts';

const portfolioId = z.string().min(1).max(200);
const settings = {
  portfolioId,
  method: z.enum(VAR_METHODS).default('parametric'),
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  horizonDays: z.number().int().min(1).max(250).default(1),
  lookback: z.number().int().min(2).max(5_000).default(250),
  asOf: z.number().int().positive().max(LATEST_TIME).optional(),
  options: z
    .object({
      covariance: z.enum(['sample', 'ewma']).optional(),
      lambda: z.number().gt(0).lt(1).optional(),
      distribution: z.enum(['normal', 't']).optional(),
      degreesOfFreedom: z.number().int().min(3).max(1000).optional(),
      paths: z.number().int().min(1_000).max(10_000_000).optional(),
      backtestPaths: z.number().int().min(1_000).max(10_000_000).optional(),
      mean: z.enum(['sample', 'zero']).optional(),
      seed: z.number().int().min(0).max(0xffffffff).optional(),
      backend: z.enum(['auto', 'cpu', 'webgpu']).optional(),
      horizonMethod: z.enum(['sqrt', 'overlapping']).optional(),
    })
    .strict()
    .optional(),
};

/** The request fields the size caps name. */
const SIZE_FIELDS: RiskSizeFields = {
  lookback: 'lookback',
  paths: 'options.paths',
  backtestPaths: 'options.backtestPaths',
  window: 'window',
};

/** A time as epoch milliseconds, within the years every store and Date can hold (0001-9999). */
const epochMs = z.number().min(EARLIEST_TIME).max(LATEST_TIME);

const MAX_SHOCKS = 1_000;
const shocks = z
  .record(z.string().min(1).max(100), z.number().gt(-1).lt(10))
  .refine((record) => Object.keys(record).length <= MAX_SHOCKS, `at most ${MAX_SHOCKS} shocks`);
const scenario = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), preset: z.enum(STRESS_PRESETS), from: z.string().optional(), to: z.string().optional() }),
  z.object({
    kind: z.literal('hypothetical'),
    name: z.string().min(1).max(200),
    bySymbol: shocks.optional(),
    byAssetClass: shocks.optional(),
  }),
  z.object({ kind: z.literal('historical'), name: z.string().min(1).max(200), from: epochMs, to: epochMs }),
]);

const order = z
  .object({
    symbol,
    side: z.enum(['buy', 'sell']),
    quantity: z.number().finite().positive(),
    type: z.enum(['market', 'limit', 'stop', 'stop-limit']).default('market'),
    limitPrice: z.number().finite().positive().optional(),
    stopPrice: z.number().finite().positive().optional(),
  })
  .strict();

const alertFilter = {
  sourceKind: z.enum(ALERT_SOURCES).optional(),
  sourceId: z.union([uuid, z.string().min(1).max(200)]).optional(),
  limit: z.string().min(1).max(100).optional(),
};
const alertGroupKey = z
  .object({ sourceKind: z.enum(ALERT_SOURCES), sourceId: z.string().min(1).max(200), limit: z.string().min(1).max(100) })
  .strict();
/** Alerts created up to this time (the newest the user was shown) are marked; later ones stay unread. */
const upTo = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** What `var` and `backtest` ask for, as the role caps measure it. */
function sizeOf(input: {
  method: string;
  lookback: number;
  options?: { paths?: number | undefined; backtestPaths?: number | undefined } | undefined;
}): RiskSize {
  return {
    simulates: input.method === 'montecarlo',
    lookback: input.lookback,
    paths: input.options?.paths,
    backtestPaths: input.options?.backtestPaths,
  };
}

/** Portfolio risk: VaR/ES by method, their backtest, stress tests, the models installed, and alerts. */
export const riskRouter = router({
  /** The risk models, stress tests and compute kernels plugins contribute. */
  models: viewerProcedure.query(({ ctx }) => ({
    riskModels: ctx.services.plugins.contributions('riskModels'),
    stressTests: ctx.services.plugins.contributions('stressTests'),
    computeKernels: ctx.services.plugins.contributions('computeKernels'),
  })),

  /** VaR and ES by one method, as large as the caller's role allows (see `risk-caps.ts`); stops when the request is aborted. */
  var: viewerProcedure.input(z.object(settings).strict()).query(async ({ ctx, input, signal }) => {
    checkRiskSize(ctx.services.config.riskCaps, ctx.user.role, sizeOf(input), SIZE_FIELDS);
    const portfolio = await ctx.services.risk.portfolio(input.portfolioId);
    return ctx.services.risk.valueAtRisk(portfolio, input.method, input, signal);
  }),

  /** Rolling one-day VaR against realised P&L: exceptions, Kupiec test, Basel traffic light. */
  backtest: viewerProcedure
    .input(z.object({ ...settings, window: z.number().int().min(20).max(2_000).default(250) }).strict())
    .query(async ({ ctx, input, signal }) => {
      const pathsPerDay = input.options?.backtestPaths ?? defaultBacktestPaths(input.confidence);
      checkRiskSize(
        ctx.services.config.riskCaps,
        ctx.user.role,
        { ...sizeOf(input), backtest: { window: input.window, pathsPerDay } },
        SIZE_FIELDS,
      );
      const portfolio = await ctx.services.risk.portfolio(input.portfolioId);
      return ctx.services.risk.backtest(portfolio, input.method, input, signal);
    }),

  stress: viewerProcedure.input(z.object({ portfolioId, scenario }).strict()).query(async ({ ctx, input, signal }) => {
    const chosen =
      input.scenario.kind === 'preset'
        ? stressScenario(input.scenario.preset, { from: input.scenario.from, to: input.scenario.to, asOf: Date.now() })
        : input.scenario;
    if (chosen.kind === 'historical') {
      if (!(chosen.from < chosen.to)) {
        throw NautilusError.validation('stress scenario', [
          { path: 'scenario.from', message: `must be before scenario.to (${chosen.to}), got ${chosen.from}` },
        ]);
      }
      checkStressSize(ctx.services.config.riskCaps, ctx.user.role, chosen.from, chosen.to, 'scenario.from');
    }
    const portfolio = await ctx.services.risk.portfolio(input.portfolioId);
    return ctx.services.risk.stress(portfolio, chosen, signal);
  }),

  /**
   * The pre-trade check of an order against the portfolio's limits: accept or deny with every limit
   * it breaks (`denials`; `denial` is the first), its threshold and the value the order would lead to.
   * Denials and warnings are stored as alerts and published on the bus (`risk.alerts`), and an
   * accepted order counts towards maxOrderRate.
   */
  checkOrder: editorProcedure.input(z.object({ portfolioId, order }).strict()).mutation(async ({ ctx, input }) => {
    const portfolio = await ctx.services.risk.portfolio(input.portfolioId);
    const decision = await ctx.services.risk.checkOrder(portfolio, input.order);
    const denials = decision.denials ?? (decision.denial ? [decision.denial] : []);
    const described = `${input.order.side} ${input.order.quantity} ${input.order.symbol}`;
    await recordAlerts(
      ctx.services.db,
      ctx.services.bus,
      { kind: 'portfolio', id: portfolio.id, name: portfolio.name },
      [
        ...denials.map((finding) => ({ ...finding, details: { event: 'denial', order: described } })),
        ...decision.warnings.map((finding) => ({ ...finding, details: { event: 'warning', order: described } })),
      ],
      ctx.services.live,
    );
    return decision;
  }),

  /**
   * The same check as a what-if (the portfolio page's order check): the decision only. No alert is
   * stored or published and the order does not count towards maxOrderRate.
   */
  whatIfOrder: editorProcedure.input(z.object({ portfolioId, order }).strict()).query(async ({ ctx, input }) => {
    const portfolio = await ctx.services.risk.portfolio(input.portfolioId);
    return ctx.services.risk.checkOrder(portfolio, input.order, undefined, { whatIf: true });
  }),

  /**
   * Alerts grouped per source (run, deployment, portfolio) and limit, newest group first, each with
   * its count and the caller's unread count; `unread` is the caller's unread total (the bell).
   */
  alertGroups: viewerProcedure
    .input(
      z
        .object({ ...alertFilter, unread: z.boolean().optional(), maxGroups: z.number().int().min(1).max(500).default(100) })
        .strict()
        .default({ maxGroups: 100 }),
    )
    .query(({ ctx, input }) => listAlertGroups(ctx.services.db, ctx.user.id, input)),

  /** Marks the named groups' alerts read for the caller (up to `upTo`); returns how many became read. */
  markAlertsRead: viewerProcedure
    .input(z.object({ groups: z.array(alertGroupKey).min(1).max(500), upTo }).strict())
    .mutation(async ({ ctx, input }) => ({ marked: await markAlertsRead(ctx.services.db, ctx.user.id, input) })),

  /** Marks every alert the filter keeps read for the caller (up to `upTo`); returns how many became read. */
  markAllAlertsRead: viewerProcedure.input(z.object({ ...alertFilter, upTo }).strict()).mutation(async ({ ctx, input }) => {
    const { upTo: until, ...filter } = input;
    return { marked: await markAlertsRead(ctx.services.db, ctx.user.id, { filter, upTo: until }) };
  }),

  /** Newest first: limit warnings and breaches from backtests, deployments and pre-trade checks. */
  alerts: viewerProcedure
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(1_000).default(100),
          sourceKind: z.enum(ALERT_SOURCES).optional(),
          sourceId: z.union([uuid, z.string().min(1).max(200)]).optional(),
        })
        .strict()
        .default({ limit: 100 }),
    )
    .query(({ ctx, input }) => listAlerts(ctx.services.db, input)),
});
