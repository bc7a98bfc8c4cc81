import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type Portfolio = Output<typeof trpc.portfolios.get.query>;
export type PortfolioFields = Parameters<typeof trpc.portfolios.create.mutate>[0];
export type VarInput = Parameters<typeof trpc.risk.var.query>[0];
export type VarMethod = NonNullable<VarInput['method']>;
export type VarResult = Output<typeof trpc.risk.var.query>;
export type VarBacktest = Output<typeof trpc.risk.backtest.query>;
export type StressScenarioInput = Parameters<typeof trpc.risk.stress.query>[0]['scenario'];
export type StressPreset = Extract<StressScenarioInput, { kind: 'preset' }>['preset'];
export type StressResult = Output<typeof trpc.risk.stress.query>;
export type RiskAlert = Output<typeof trpc.risk.alerts.query>[number];

export const VAR_METHODS: readonly VarMethod[] = ['parametric', 'historical', 'montecarlo'];
export const VAR_METHOD_LABELS: Record<VarMethod, string> = {
  parametric: 'Parametric',
  historical: 'Historical',
  montecarlo: 'Monte Carlo',
};

/** What the risk views are computed with; the horizon applies to VaR, the backtest is always one-day. */
export interface RiskSettings {
  confidence: number;
  horizonDays: number;
  lookback: number;
}

/** Query keys of portfolios and their risk; invalidate `risk(id)` after the portfolio changed. */
export const riskKeys = {
  portfolios: ['portfolios'] as const,
  portfolioList: ['portfolios', 'list'] as const,
  portfolio: (id: string) => ['portfolios', 'get', id] as const,
  risk: (portfolioId: string) => ['risk', 'portfolio', portfolioId] as const,
  var: (portfolioId: string, method: VarMethod, settings: RiskSettings) =>
    ['risk', 'portfolio', portfolioId, 'var', method, settings] as const,
  backtest: (portfolioId: string, method: VarMethod, settings: RiskSettings) =>
    ['risk', 'portfolio', portfolioId, 'backtest', method, settings.confidence, settings.lookback] as const,
  stress: (portfolioId: string, scenario: StressScenarioInput) => ['risk', 'portfolio', portfolioId, 'stress', scenario] as const,
  /** Prefix of every alerts query. */
  alerts: ['risk', 'alerts'] as const,
  alertList: (filter: { limit: number; sourceKind?: RiskAlert['source']['kind']; sourceId?: string }) =>
    ['risk', 'alerts', filter] as const,
};

// Monte Carlo paths: enough for a stable 99 % figure, few enough to answer in about a second on a CPU.
const MC_PATHS = 100_000;
const MC_BACKTEST_PATHS = 20_000;
// The figures only change with the portfolio or the settings (and daily bars): no need to refetch often.
const RISK_STALE_MS = 60_000;

/** VaR and ES of the portfolio by one method; the previous figures stay on screen while new settings load. */
export function useValueAtRisk(portfolioId: string, method: VarMethod, settings: RiskSettings, enabled = true) {
  return useQuery({
    queryKey: riskKeys.var(portfolioId, method, settings),
    queryFn: ({ signal }) =>
      trpc.risk.var.query(
        { portfolioId, method, ...settings, ...(method === 'montecarlo' ? { options: { paths: MC_PATHS, seed: 1 } } : {}) },
        { signal },
      ),
    placeholderData: keepPreviousData,
    staleTime: RISK_STALE_MS,
    enabled,
  });
}

/** The rolling one-day VaR backtest of a method over the last 250 days. */
export function useVarBacktest(portfolioId: string, method: VarMethod, settings: RiskSettings, enabled = true) {
  return useQuery({
    queryKey: riskKeys.backtest(portfolioId, method, settings),
    queryFn: ({ signal }) =>
      trpc.risk.backtest.query(
        {
          portfolioId,
          method,
          confidence: settings.confidence,
          lookback: settings.lookback,
          window: 250,
          ...(method === 'montecarlo' ? { options: { paths: MC_BACKTEST_PATHS, seed: 1 } } : {}),
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
    staleTime: RISK_STALE_MS,
    enabled,
  });
}

/** A stress test of the portfolio; runs once a scenario is given. */
export function useStressTest(portfolioId: string, scenario: StressScenarioInput | undefined) {
  return useQuery({
    queryKey: riskKeys.stress(portfolioId, scenario ?? { kind: 'preset', preset: 'equity-crash' }),
    queryFn: ({ signal }) => trpc.risk.stress.query({ portfolioId, scenario: scenario! }, { signal }),
    enabled: scenario !== undefined,
    staleTime: RISK_STALE_MS,
  });
}
