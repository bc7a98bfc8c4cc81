import type { DataSource, DataSourceDescriptor, JsonSchema, TableFrame, VarResult } from '@nautilus/sdk';
import { NautilusError, VAR_BACKTEST_TABLE_COLUMNS, VAR_TABLE_COLUMNS } from '@nautilus/sdk';
import { checkRiskSize, checkStressSize, type RiskSize, type RiskSizeFields } from './check-risk-size.ts';
import type { Portfolio } from './portfolio-store.ts';
import { currentRiskCaller } from './risk-caller.ts';
import { DEFAULT_RISK_CAPS } from './risk-caps.ts';
import { defaultBacktestPaths, type RiskService, VAR_METHODS, type VarMethod, type VarSettings } from './risk-service.ts';
import { STRESS_PRESETS, type StressPreset, stressScenario } from './stress-scenarios.ts';

export const RISK_SOURCE_REF = 'nautilus.core/risk';
const VIEWS = ['var', 'contribution', 'correlation', 'limits', 'stress', 'backtest'] as const;
type View = (typeof VIEWS)[number];

/** Params of `nautilus.core/risk`. The portfolio may be a `$portfolio` variable holding an id or a name. */
export const riskQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['portfolio'],
  properties: {
    portfolio: { type: 'string', minLength: 1, maxLength: 200, title: 'Portfolio (id or name)' },
    view: {
      type: 'string',
      enum: [...VIEWS],
      default: 'var',
      title: 'View',
      description:
        'var: VaR/ES by each method (with a backtest verdict); contribution: component VaR per position; correlation: matrix; limits: utilisation; stress: P&L per position; backtest: VaR vs realised P&L',
    },
    method: { type: 'string', enum: [...VAR_METHODS], default: 'parametric', title: 'Method (contribution, backtest)' },
    confidence: { type: 'number', enum: [0.9, 0.95, 0.975, 0.99], default: 0.99, title: 'Confidence' },
    horizonDays: { type: 'integer', minimum: 1, maximum: 250, default: 1, title: 'Horizon (days)' },
    lookback: { type: 'integer', minimum: 20, maximum: 2000, default: 250, title: 'Lookback (returns)' },
    covariance: { type: 'string', enum: ['sample', 'ewma'], default: 'sample', title: 'Covariance' },
    paths: { type: 'integer', minimum: 1000, maximum: 10_000_000, default: 200_000, title: 'Monte Carlo paths' },
    backtestWindow: { type: 'integer', minimum: 0, maximum: 1000, default: 250, title: 'Backtest window (days, 0 = none)' },
    scenario: { type: 'string', enum: [...STRESS_PRESETS], default: 'equity-crash', title: 'Stress scenario' },
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', title: 'Historical scenario from (YYYY-MM-DD)' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', title: 'Historical scenario to (YYYY-MM-DD)' },
  },
};

export const riskSourceDescriptor: DataSourceDescriptor = {
  id: 'risk',
  name: 'Portfolio risk',
  description:
    "VaR and ES (parametric, historical, Monte Carlo) with a Kupiec/traffic-light verdict, risk contributions, correlations, limit utilisation and stress tests of a stored portfolio, as of the time range's end.",
  frames: ['table', 'timeseries'],
  querySchema: riskQuerySchema,
  streaming: false,
};

interface Params {
  portfolio: string;
  view?: View;
  method?: VarMethod;
  confidence?: number;
  horizonDays?: number;
  lookback?: number;
  covariance?: 'sample' | 'ewma';
  paths?: number;
  backtestWindow?: number;
  scenario?: StressPreset;
  from?: string;
  to?: string;
}

/** Monte Carlo paths a day of the VaR view's backtest verdicts. */
const VERDICT_BACKTEST_PATHS = 5_000;
const SIZE_FIELDS: RiskSizeFields = { lookback: 'params.lookback', paths: 'params.paths', window: 'params.backtestWindow' };

const num = (name: string, unit?: string) => ({ name, type: 'number' as const, ...(unit ? { unit } : {}) });
const str = (name: string) => ({ name, type: 'string' as const });

/**
 * Serves the risk widgets' frames, with the column lists the sdk fixes for them (sdk/src/risk/risk-frames.ts).
 * A query is held to its caller's caps (a viewer's unless a logged-in request says otherwise, see
 * `risk-caller.ts`) exactly like `risk.var`, and stops when the caller's request is aborted.
 */
export function riskSource(
  risk: RiskService,
  limitRows: (portfolio: Portfolio, asOf: number) => Promise<TableFrame>,
): DataSource {
  return {
    async query(request, hostSignal) {
      const params = request.params as unknown as Params;
      const caller = currentRiskCaller();
      const signal = caller?.signal ? AbortSignal.any([hostSignal, caller.signal]) : hostSignal;
      const fits = (size: RiskSize) =>
        checkRiskSize(caller?.caps ?? DEFAULT_RISK_CAPS, caller?.role ?? 'viewer', size, SIZE_FIELDS);
      const asOf = Math.min(request.range.to, Date.now());
      const settings: VarSettings = {
        confidence: params.confidence ?? 0.99,
        horizonDays: params.horizonDays ?? 1,
        lookback: params.lookback ?? 250,
        options: { covariance: params.covariance ?? 'sample', paths: params.paths ?? 200_000, seed: 1 },
        asOf,
      };
      const method = params.method ?? 'parametric';
      const view = params.view ?? 'var';
      const { lookback } = settings;
      const paths = settings.options!.paths as number;
      switch (view) {
        case 'var': {
          const window = params.backtestWindow ?? 250;
          const backtest = window > 0 ? { window, pathsPerDay: VERDICT_BACKTEST_PATHS } : undefined;
          fits({ simulates: true, lookback, paths, backtest });
          break;
        }
        case 'contribution':
          fits({ simulates: method === 'montecarlo', lookback, paths: method === 'montecarlo' ? paths : undefined });
          break;
        case 'correlation':
          fits({ simulates: false, lookback });
          break;
        case 'backtest': {
          const window = params.backtestWindow || 250;
          // A backtest runs its own paths a day; `paths` is not used.
          fits({
            simulates: method === 'montecarlo',
            lookback,
            backtest: { window, pathsPerDay: defaultBacktestPaths(settings.confidence) },
          });
          break;
        }
      }
      const portfolio = await risk.portfolio(params.portfolio);
      switch (view) {
        case 'var':
          return [await varTable(risk, portfolio, settings, params.backtestWindow ?? 250, signal)];
        case 'contribution':
          return [contributionTable(await risk.valueAtRisk(portfolio, method, settings, signal))];
        case 'correlation': {
          const lambda = params.covariance === 'ewma' ? 0.94 : 0;
          const result = await risk.covariance(portfolio, settings.lookback, lambda, asOf, { signal });
          return [
            {
              kind: 'table',
              columns: [str('symbol'), ...result.symbols.map((symbol) => num(symbol))],
              rows: result.symbols.map((symbol, row) => [symbol, ...(result.correlation[row] as number[])]),
            },
          ];
        }
        case 'limits':
          return [await limitRows(portfolio, asOf)];
        case 'stress': {
          const scenario = stressScenario(params.scenario ?? 'equity-crash', { from: params.from, to: params.to, asOf });
          if (scenario.kind === 'historical') {
            checkStressSize(
              caller?.caps ?? DEFAULT_RISK_CAPS,
              caller?.role ?? 'viewer',
              scenario.from,
              scenario.to,
              'params.from',
            );
          }
          const result = await risk.stress(portfolio, scenario, signal);
          return [
            {
              kind: 'table',
              columns: [str('symbol'), num('value'), num('shock'), num('pnl')],
              rows: result.positions.map((position) => [position.symbol, position.value, position.shock, position.pnl]),
            },
          ];
        }
        case 'backtest': {
          const window = params.backtestWindow || 250;
          const result = await risk.backtest(portfolio, method, { ...settings, window }, signal);
          return [
            {
              kind: 'timeseries',
              series: [
                {
                  name: `VaR (${method}, ${(settings.confidence * 100).toFixed(1)} %)`,
                  time: result.series.time,
                  values: result.series.var.map((value) => -value),
                },
                { name: 'P&L', time: result.series.time, values: result.series.pnl },
              ],
            },
          ];
        }
        default:
          throw NautilusError.validation('risk query', [{ path: 'params.view', message: `expected one of ${VIEWS.join(', ')}` }]);
      }
    },
  };
}

/**
 * One row per method. A method that cannot run (e.g. Monte Carlo without the compute plugin) is left
 * out rather than sinking the other methods' rows; when none can run, the first error is the answer.
 */
async function varTable(
  risk: RiskService,
  portfolio: Portfolio,
  settings: VarSettings,
  window: number,
  signal: AbortSignal,
): Promise<TableFrame> {
  const outcomes = await Promise.allSettled(
    VAR_METHODS.map(async (method) => {
      const result: VarResult = await risk.valueAtRisk(portfolio, method, settings, signal);
      const row: (string | number | null)[] = [
        method,
        result.confidence,
        result.horizonDays,
        result.var,
        result.es,
        result.varPct,
        result.esPct,
        result.backend ?? 'cpu',
        result.alignment.observations,
      ];
      if (window > 0) {
        // The verdict is on the one-day VaR at the same confidence: what the backtest compares with daily P&L.
        const verdict = await risk.backtest(
          portfolio,
          method,
          { ...settings, window, options: { ...settings.options, backtestPaths: VERDICT_BACKTEST_PATHS } },
          signal,
        );
        row.push(verdict.exceptions, verdict.kupiecPValue, verdict.trafficLight);
      }
      return row;
    }),
  );
  // A request that is gone gets no table of whichever methods finished before it went.
  signal.throwIfAborted();
  const rows = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  // Every method sees the same prices: a failure of them all (bad portfolio, no data) is the answer.
  if (rows.length === 0 && failed) throw failed.reason;
  return {
    kind: 'table',
    columns: [...VAR_TABLE_COLUMNS, ...(window > 0 ? VAR_BACKTEST_TABLE_COLUMNS : [])],
    rows,
  };
}

function contributionTable(result: VarResult): TableFrame {
  return {
    kind: 'table',
    columns: [str('symbol'), num('value'), num('standalone VaR'), num('marginal VaR'), num('component VaR'), num('share')],
    rows: result.positions.map((position) => [
      position.symbol,
      position.value,
      position.standaloneVar,
      position.marginalVar,
      position.componentVar,
      position.componentVarShare,
    ]),
  };
}
