import type {
  ComputeBackendChoice,
  RiskPosition,
  StressResult,
  StressScenario,
  VarBacktestResult,
  VarResult,
} from '@nautilus/sdk';
import { isNautilusError, NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { requirePermission } from '../sharing/permissions.ts';
import { alignedReturns } from './aligned-returns.ts';
import { type PortfolioOrder, type PortfolioOrderCheck, PortfolioOrderChecker } from './portfolio-order-check.ts';
import { findPortfolio, type Portfolio, portfolioNotFound } from './portfolio-store.ts';
import { loadAssetClasses, loadDailyCloses } from './price-history.ts';
import { ResultCache } from './result-cache.ts';
import { currentRiskCaller } from './risk-caller.ts';

export const VAR_METHODS = ['parametric', 'historical', 'montecarlo'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

export interface VarSettings {
  confidence: number;
  horizonDays: number;
  lookback: number;
  /** Passed to the model: covariance, lambda, distribution, degreesOfFreedom, paths, seed, backend. */
  options?: Record<string, unknown>;
  /** Epoch ms the risk is computed as of; now by default. */
  asOf?: number;
}

export interface CovarianceResult {
  symbols: string[];
  /** Of daily simple returns, n × n. */
  covariance: number[][];
  correlation: number[][];
  observations: number;
  backend: string;
}

/** Monte Carlo paths a backtest day runs when the request does not say (risk-core's default). */
export const DEFAULT_BACKTEST_PATHS = 10_000;

/** Paths a Monte Carlo backtest day runs when not told: the default, or 1/(1 − c) when the confidence needs more. */
export function defaultBacktestPaths(confidence: number): number {
  return Math.max(DEFAULT_BACKTEST_PATHS, Math.ceil(1 / (1 - confidence) - 1e-6));
}

/** How long a computed VaR or backtest is reused for the same portfolio version and settings. */
const RESULT_TTL_MS = 60_000;

/**
 * The cache key of a result: the portfolio's version (a save changes it, so edits show at once), the
 * method and settings, and the minute of `asOf` (prices are daily closes: a minute-old figure is current).
 */
function resultKey(kind: string, portfolio: Portfolio, method: VarMethod, settings: VarSettings): string {
  const minute = Math.floor((settings.asOf ?? Date.now()) / 60_000);
  // Positions too: a caller may price a variant of the stored book (e.g. with an order's instrument added).
  return JSON.stringify([kind, portfolio.id, portfolio.version, portfolio.positions, method, { ...settings, asOf: minute }]);
}

/**
 * Risk of stored portfolios: prices come from the portfolio's bar source, the numbers from the risk
 * plugin's models through the plugin host (the same path a third-party risk plugin would take).
 */
export class RiskService {
  readonly #db: Kysely<Tables>;
  readonly #host: PluginHost;

  readonly #orders: PortfolioOrderChecker;
  readonly #results = new ResultCache(RESULT_TTL_MS, 500);

  constructor(db: Kysely<Tables>, host: PluginHost) {
    this.#db = db;
    this.#host = host;
    this.#orders = new PortfolioOrderChecker(host, this);
  }

  /**
   * The pre-trade check of one order against the portfolio's limit set. A what-if check (`whatIf`)
   * changes nothing: its order does not count towards maxOrderRate.
   */
  checkOrder(
    portfolio: Portfolio,
    order: PortfolioOrder,
    now?: number,
    options: { whatIf?: boolean } = {},
  ): Promise<PortfolioOrderCheck> {
    return this.#orders.check(portfolio, order, now, options);
  }

  /**
   * A portfolio by id or name, for the logged-in caller only if they may view it (NOT_FOUND
   * otherwise, like the portfolios API): every risk view, procedure or `nautilus.core/risk` panel,
   * reads its portfolio here. Work the server starts by itself has no caller and is not checked.
   */
  async portfolio(idOrName: string): Promise<Portfolio> {
    const portfolio = await findPortfolio(this.#db, idOrName);
    const caller = currentRiskCaller();
    if (caller?.userId) {
      await requirePermission(this.#db, { id: caller.userId, role: caller.role }, 'portfolio', portfolio.id, 'view').catch(
        (error: unknown) => {
          throw isNautilusError(error) && error.code === 'NOT_FOUND' ? portfolioNotFound(idOrName) : error;
        },
      );
    }
    return portfolio;
  }

  /**
   * VaR and ES by one method; `signal` (the caller's request) aborts the model, and an aborted
   * computation is never cached. Callers check the request's size against the caller's caps first
   * (`checkRiskSize`).
   */
  valueAtRisk(portfolio: Portfolio, method: VarMethod, settings: VarSettings, signal?: AbortSignal): Promise<VarResult> {
    return this.#results.get(
      resultKey('var', portfolio, method, settings),
      async () => {
        const { positions, prices } = await this.#inputs(portfolio, settings.lookback + 1, settings.asOf);
        const model = this.#host.riskModel(`${this.#host.roles.riskPlugin}/${method}`);
        return model.compute(
          {
            positions,
            prices,
            confidence: settings.confidence,
            horizonDays: settings.horizonDays,
            lookback: settings.lookback,
            ...(settings.options ? { options: settings.options } : {}),
          },
          signal ?? new AbortController().signal,
        );
      },
      signal,
    );
  }

  /** Rolling backtest of a method's one-day VaR over the last `window` days. */
  backtest(
    portfolio: Portfolio,
    method: VarMethod,
    settings: VarSettings & { window: number },
    signal?: AbortSignal,
  ): Promise<VarBacktestResult> {
    return this.#results.get(
      resultKey('backtest', portfolio, method, settings),
      () => this.#backtest(portfolio, method, settings, signal),
      signal,
    );
  }

  async #backtest(
    portfolio: Portfolio,
    method: VarMethod,
    settings: VarSettings & { window: number },
    signal?: AbortSignal,
  ): Promise<VarBacktestResult> {
    const { positions, prices } = await this.#inputs(portfolio, settings.lookback + settings.window + 1, settings.asOf);
    const model = this.#host.riskModel(`${this.#host.roles.riskPlugin}/${method}`);
    if (!model.backtest) {
      throw new NautilusError('NOT_FOUND', `Risk model ${this.#host.roles.riskPlugin}/${method} offers no backtest`, {
        fields: [{ path: 'method', message: 'no backtest' }],
      });
    }
    return model.backtest(
      {
        positions,
        prices,
        confidence: settings.confidence,
        horizonDays: 1,
        lookback: settings.lookback,
        window: settings.window,
        ...(settings.options ? { options: settings.options } : {}),
      },
      signal ?? new AbortController().signal,
    );
  }

  async stress(portfolio: Portfolio, scenario: StressScenario, signal?: AbortSignal): Promise<StressResult> {
    const asOf = Date.now();
    // A historical window needs prices back to its start.
    const days = scenario.kind === 'historical' ? Math.ceil((asOf - scenario.from) / 86_400_000 / 1.4) + 5 : 5;
    const { positions, prices } = await this.#inputs(portfolio, days, asOf);
    const test = this.#host.stressTest(`${this.#host.roles.riskPlugin}/scenarios`);
    return test.run({ positions, prices, scenario }, signal ?? new AbortController().signal);
  }

  /**
   * Covariance and correlation of the portfolio's daily returns, by the compute plugin's covariance
   * kernel; `backend: 'cpu'` asks for f64 (the GPU computes in f32), `signal` stops it.
   */
  async covariance(
    portfolio: Portfolio,
    lookback: number,
    lambda: number,
    asOf?: number,
    run: { backend?: ComputeBackendChoice; signal?: AbortSignal } = {},
  ): Promise<CovarianceResult> {
    const symbols = portfolio.positions.map((position) => position.symbol);
    const prices = await loadDailyCloses(this.#host, portfolio.dataSource, symbols, lookback + 1, asOf ?? Date.now());
    run.signal?.throwIfAborted();
    const { returns, observations } = alignedReturns(prices, symbols, lookback);
    const n = symbols.length;
    const kernel = await this.#host.compute.run(
      this.#host.roles.covarianceKernel,
      { returns },
      { observations, assets: n, lambda },
      run,
    );
    const rows = (flat: ArrayLike<number>) =>
      symbols.map((_, row) => Array.from({ length: n }, (_, column) => Number(flat[row * n + column])));
    return {
      symbols,
      covariance: rows(kernel.outputs.covariance as ArrayLike<number>),
      correlation: rows(kernel.outputs.correlation as ArrayLike<number>),
      observations,
      backend: kernel.backend,
    };
  }

  async #inputs(
    portfolio: Portfolio,
    bars: number,
    asOf = Date.now(),
  ): Promise<{ positions: RiskPosition[]; prices: Awaited<ReturnType<typeof loadDailyCloses>> }> {
    if (portfolio.positions.length === 0) {
      throw NautilusError.validation('portfolio', [
        { path: 'positions', message: `portfolio ${portfolio.name} holds no positions` },
      ]);
    }
    const symbols = portfolio.positions.map((position) => position.symbol);
    const [prices, classes] = await Promise.all([
      loadDailyCloses(this.#host, portfolio.dataSource, symbols, bars, asOf),
      loadAssetClasses(this.#host, portfolio.dataSource),
    ]);
    const positions = portfolio.positions.map((position) => {
      const assetClass = position.assetClass ?? classes[position.symbol];
      return { symbol: position.symbol, quantity: position.quantity, ...(assetClass ? { assetClass } : {}) };
    });
    return { positions, prices };
  }
}
