import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';

type Input<T extends (...args: any[]) => unknown> = Parameters<T>[0];
export type AdminUser = Awaited<ReturnType<typeof trpc.users.list.query>>[number];
export type ApiKey = Awaited<ReturnType<typeof trpc.apiKeys.list.query>>[number];
export type AuditQuery = NonNullable<Input<typeof trpc.audit.list.query>>;
export type AuditEntry = Awaited<ReturnType<typeof trpc.audit.list.query>>['entries'][number];

const keys = {
  users: ['admin', 'users'] as const,
  apiKeys: ['admin', 'apiKeys'] as const,
  audit: (query: AuditQuery) => ['admin', 'audit', query] as const,
  facets: ['admin', 'audit', 'facets'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: ({ signal }) => trpc.users.list.query(undefined, { signal }) });
}

/** Creates a user; without a password the answer carries a generated one, to be shown once. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<typeof trpc.users.create.mutate>) => trpc.users.create.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Role, disabled state, or a new password (chosen, or generated and shown once). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<typeof trpc.users.update.mutate>) => trpc.users.update.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: keys.apiKeys, queryFn: ({ signal }) => trpc.apiKeys.list.query(undefined, { signal }) });
}

/** Makes a key for a user; the answer's `key` is shown once. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<typeof trpc.apiKeys.create.mutate>) => trpc.apiKeys.create.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => trpc.apiKeys.revoke.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

/** One page of the audit log; the previous page stays on screen while the next loads. */
export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: ({ signal }) => trpc.audit.list.query(query, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAuditFacets() {
  return useQuery({ queryKey: keys.facets, queryFn: ({ signal }) => trpc.audit.facets.query(undefined, { signal }) });
}
