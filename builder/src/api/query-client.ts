import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isUnauthorized, shouldRetry } from './api-error.ts';
import { queryKeys } from './query-keys.ts';

/**
 * The app's query cache. A call that fails with UNAUTHORIZED means the session is gone (expired,
 * or logged out in another tab): clearing the current user sends the app back to the login page.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) queryClient.setQueryData(queryKeys.me, null);
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000 },
    },
  });
  return queryClient;
}
