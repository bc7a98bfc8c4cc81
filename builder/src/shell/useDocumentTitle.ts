import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { queryKeys } from '../api/query-keys.ts';
import { riskKeys } from '../risk/risk-api.ts';
import { pageTitle, recordName } from '../routing/page-title.ts';
import type { Route } from '../routing/route.ts';
import { labKeys } from '../strategy-lab/lab-api.ts';

/** The cache entry holding the record a route shows, whose name goes into the tab title. */
function recordKey(route: Route): readonly unknown[] | undefined {
  if (route.name === 'dashboard') return queryKeys.dashboard(route.id);
  if (route.name === 'portfolio') return riskKeys.portfolio(route.id);
  if (route.name === 'strategy') return labKeys.strategy(route.id);
  return undefined;
}

/**
 * Keeps the browser tab's title on the page shown, for every route in one place: the open dashboard,
 * portfolio or strategy by name (read from the cache the page fills, so no request of its own).
 */
export function useDocumentTitle(route: Route): void {
  const queryClient = useQueryClient();
  const key = recordKey(route);
  const keyHash = JSON.stringify(key ?? null);
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyHash stands for key (a new array each render).
  const readName = useCallback(() => (key ? recordName(queryClient.getQueryData(key)) : undefined), [queryClient, keyHash]);
  const name = useSyncExternalStore(subscribe, readName);
  const title = pageTitle(route, name);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
