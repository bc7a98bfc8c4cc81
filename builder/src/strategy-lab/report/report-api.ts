import { useQueries, useQuery } from '@tanstack/react-query';
import { trpc } from '../../api/trpc.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type RunBars = Output<typeof trpc.backtests.bars.query>;
export type ComparedRun = Output<typeof trpc.backtests.compare.query>[number];
export type TearSheetData = Output<typeof trpc.analytics.backtestTearSheet.query>;
export type TearSheetMetric = TearSheetData['metrics'][number];
export type BacktestExecutionData = Output<typeof trpc.analytics.backtestExecution.query>;

export const reportKeys = {
  bars: (runId: string) => ['backtests', 'bars', runId] as const,
  curves: (ids: readonly string[]) => ['backtests', 'compare', 'curves', ...ids] as const,
  tearSheet: (runId: string) => ['analytics', 'backtestTearSheet', runId] as const,
  execution: (runId: string) => ['analytics', 'backtestExecution', runId] as const,
};

/** A finished run's tear sheet against the default benchmark (the simulated index); it never changes. */
export function useTearSheet(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.tearSheet(runId),
    queryFn: ({ signal }) => trpc.analytics.backtestTearSheet.query({ id: runId }, { signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A finished run's execution quality (analytics.backtestExecution); like its tear sheet, it never changes. */
export function useBacktestExecution(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.execution(runId),
    queryFn: ({ signal }) => trpc.analytics.backtestExecution.query({ id: runId }, { signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The tear sheets of several runs, for comparison; `data` follows `runIds`. */
export function useTearSheets(runIds: readonly string[]) {
  return useQueries({
    queries: runIds.map((id) => ({
      queryKey: reportKeys.tearSheet(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => trpc.analytics.backtestTearSheet.query({ id }, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) => ({
      data: results.map((result) => result.data),
      pending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
}

/** The bars a finished run traded on; they never change, so they are read once. */
export function useRunBars(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.bars(runId),
    queryFn: ({ signal }) => trpc.backtests.bars.query({ id: runId }, { signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Several runs with their metrics, equity curves and initial cash, in the order given. */
export function useComparedRuns(ids: readonly string[]) {
  return useQuery({
    queryKey: reportKeys.curves(ids),
    queryFn: ({ signal }) => trpc.backtests.compare.query({ ids: [...ids], curves: true }, { signal }),
    enabled: ids.length >= 2,
  });
}

/** The bars of several runs (one per instrument of a comparison), each read once; `data` follows `runIds`. */
export function useRunsBars(runIds: readonly string[]) {
  return useQueries({
    queries: runIds.map((id) => ({
      queryKey: reportKeys.bars(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => trpc.backtests.bars.query({ id }, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
    // Structurally shared: the same bars give the same arrays, so memos downstream hold.
    combine: (results) => ({
      data: results.map((result) => result.data),
      pending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
}
