import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type StrategySummary = Output<typeof trpc.strategies.list.query>[number];
export type StrategyRecord = Output<typeof trpc.strategies.get.query>;
export type StrategyVersionInfo = Output<typeof trpc.strategies.versions.query>[number];
export type BacktestRun = Output<typeof trpc.backtests.get.query>;
export type BacktestRunSummary = Output<typeof trpc.backtests.list.query>[number];
export type DeploymentSummary = Output<typeof trpc.deployments.list.query>[number];

/** Query keys of the Lab; `strategies` prefixes everything about strategies. */
export const labKeys = {
  strategies: ['strategies'] as const,
  strategyList: ['strategies', 'list'] as const,
  strategy: (id: string) => ['strategies', 'get', id] as const,
  versions: (id: string) => ['strategies', 'versions', id] as const,
  diff: (id: string, to: number) => ['strategies', 'diff', id, to] as const,
  run: (id: string) => ['backtests', 'get', id] as const,
  runs: (strategyId: string) => ['backtests', 'list', strategyId] as const,
  compare: (ids: readonly string[]) => ['backtests', 'compare', ...ids] as const,
  deployments: (strategyId: string) => ['deployments', 'list', strategyId] as const,
};

export const isActiveRun = (status: string | undefined) => status === 'queued' || status === 'running';

export function useStrategyList() {
  return useQuery({ queryKey: labKeys.strategyList, queryFn: ({ signal }) => trpc.strategies.list.query(undefined, { signal }) });
}

export function useStrategy(id: string) {
  return useQuery({
    queryKey: labKeys.strategy(id),
    queryFn: ({ signal }) => trpc.strategies.get.query({ id }, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One backtest run, polled every 300 ms while it is queued or running. */
export function useBacktestRun(id: string | undefined) {
  return useQuery({
    queryKey: labKeys.run(id ?? ''),
    queryFn: ({ signal }) => trpc.backtests.get.query({ id: id! }, { signal }),
    enabled: id !== undefined,
    refetchInterval: (query) => {
      const { data, error } = query.state;
      if (error) return false;
      return !data || isActiveRun(data.status) ? 300 : false;
    },
    staleTime: 0,
  });
}

export function useBacktestRuns(strategyId: string) {
  return useQuery({
    queryKey: labKeys.runs(strategyId),
    queryFn: ({ signal }) => trpc.backtests.list.query({ strategyId, limit: 50 }, { signal }),
  });
}

/** The strategy's deployments, polled every second for status and live PnL. */
export function useDeployments(strategyId: string) {
  return useQuery({
    queryKey: labKeys.deployments(strategyId),
    queryFn: ({ signal }) => trpc.deployments.list.query({ strategyId, limit: 50 }, { signal }),
    refetchInterval: 1_000,
    staleTime: 0,
  });
}
