import { hashKey, type Query, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isUnauthorized } from '../api/api-error.ts';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import type { User } from '../api/types.ts';

/** The query of the signed-in user; `null` when there is no session. Also prefetched at startup. */
export const currentUserQuery = {
  queryKey: queryKeys.me,
  queryFn: async ({ signal }: { signal: AbortSignal }): Promise<User | null> => {
    try {
      return await trpc.auth.me.query(undefined, { signal });
    } catch (error) {
      if (isUnauthorized(error)) return null;
      throw error;
    }
  },
};

/** The signed-in user, or `null` when there is no session (the login page shows then). */
export function useCurrentUser() {
  return useQuery(currentUserQuery);
}

// Everything cached except the current user belongs to a session: it must not show to the next user.
const isSessionData = (query: Query) => query.queryHash !== hashKey(queryKeys.me);

/** Signs in; the server sets the session cookie, then the current user is fetched (the app shell follows). */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) => trpc.auth.login.mutate(credentials),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: isSessionData });
      // Returned so the submit button keeps spinning until the app can switch to the shell.
      return queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

/** Signs out; the cache is dropped even if the server call fails, so the page never shows stale data. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => trpc.auth.logout.mutate(),
    onSettled: () => {
      // Clear the user first: the pages unmount before their data goes.
      queryClient.setQueryData(queryKeys.me, null);
      queryClient.removeQueries({ predicate: isSessionData });
    },
  });
}
