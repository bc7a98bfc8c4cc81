import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../api/trpc.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type Sweep = Output<typeof trpc.sweeps.get.query>;
export type SweepSummary = Output<typeof trpc.sweeps.list.query>[number];
export type SweepCreateInput = Parameters<typeof trpc.sweeps.create.mutate>[0];

export const sweepKeys = {
  list: (strategyId: string) => ['sweeps', 'list', strategyId] as const,
  sweep: (id: string) => ['sweeps', 'get', id] as const,
};

/** The strategy's sweeps, newest first. */
export function useSweeps(strategyId: string) {
  return useQuery({
    queryKey: sweepKeys.list(strategyId),
    queryFn: ({ signal }) => trpc.sweeps.list.query({ strategyId, limit: 20 }, { signal }),
  });
}

/** One sweep, polled every second while it runs: progress and results arrive as points finish. */
export function useSweep(id: string | undefined) {
  return useQuery({
    queryKey: sweepKeys.sweep(id ?? ''),
    queryFn: ({ signal }) => trpc.sweeps.get.query({ id: id! }, { signal }),
    enabled: id !== undefined,
    refetchInterval: (query) =>
      query.state.error ? false : !query.state.data || query.state.data.status === 'running' ? 1_000 : false,
    staleTime: 0,
  });
}
