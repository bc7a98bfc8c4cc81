import type { QueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';
import { labKeys } from '../strategy-lab/lab-api.ts';
import type { Route } from './route.ts';

/**
 * Starts what the first page needs beside the session check instead of after it: the Lab's code and
 * the strategy's record. The `import()` names the module the page's `lazy()` loads, so both share one
 * download; a failure is left to the page, which asks again and shows it. Monaco is not started here:
 * evaluating it (several MB) would hold the main thread before the Lab's first paint, so the Lab shows
 * the source as text first and asks for the editor after that paint (DeferredCodeEditor).
 */
export function preloadRoute(queryClient: QueryClient, route: Route): void {
  if (route.name !== 'strategy') return;
  void import('../strategy-lab/StrategyLabPage.tsx').catch(() => {});
  void queryClient.prefetchQuery({
    queryKey: labKeys.strategy(route.id),
    queryFn: ({ signal }) => trpc.strategies.get.query({ id: route.id }, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
