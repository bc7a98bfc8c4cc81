import { interpolateVariables } from '@nautilus/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dataClient, trpc } from '../api/trpc.ts';
import type { PanelDataOptionsFactory } from '../data/panel-data-options.ts';

type Input<T extends (...args: any[]) => unknown> = Parameters<T>[0];
export type ObjectRef = Input<typeof trpc.sharing.grants.query>;
export type GrantInput = Input<typeof trpc.sharing.grant.mutate>;
export type RevokeInput = Input<typeof trpc.sharing.revoke.mutate>;
export type CreateLinkInput = Input<typeof trpc.sharing.createLink.mutate>;
export type ShareLink = Awaited<ReturnType<typeof trpc.sharing.links.query>>[number];
export type SharedDashboard = Awaited<ReturnType<typeof trpc.sharing.open.query>>;

const keys = {
  grants: (object: ObjectRef) => ['sharing', 'grants', object.objectType, object.objectId] as const,
  people: ['sharing', 'people'] as const,
  links: (dashboardId: string) => ['sharing', 'links', dashboardId] as const,
  open: (token: string) => ['sharing', 'open', token] as const,
};

/** Who has which permission on an object (for its owner or an admin). */
export function useGrants(object: ObjectRef) {
  return useQuery({ queryKey: keys.grants(object), queryFn: ({ signal }) => trpc.sharing.grants.query(object, { signal }) });
}

/** The users and roles one can share with. */
export function usePeople() {
  return useQuery({ queryKey: keys.people, queryFn: ({ signal }) => trpc.sharing.people.query(undefined, { signal }) });
}

export function useGrant(object: ObjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GrantInput) => trpc.sharing.grant.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.grants(object) }),
  });
}

export function useRevokeGrant(object: ObjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RevokeInput) => trpc.sharing.revoke.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.grants(object) }),
  });
}

/** A dashboard's share links, revoked and expired ones included. */
export function useShareLinks(dashboardId: string) {
  return useQuery({
    queryKey: keys.links(dashboardId),
    queryFn: ({ signal }) => trpc.sharing.links.query({ dashboardId }, { signal }),
  });
}

export function useCreateShareLink(dashboardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<CreateLinkInput, 'dashboardId'>) => trpc.sharing.createLink.mutate({ ...input, dashboardId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.links(dashboardId) }),
  });
}

export function useRevokeShareLink(dashboardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => trpc.sharing.revokeLink.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.links(dashboardId) }),
  });
}

/** What a share link opens, fetched without an account. Not retried: a revoked link stays revoked. */
export function useSharedDashboard(token: string) {
  return useQuery({
    queryKey: keys.open(token),
    queryFn: ({ signal }) => trpc.sharing.open.query({ token }, { signal }),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/**
 * Panel data through the link: the panel's params with the link's values filled in, sent with the
 * token; the server checks they are one of the dashboard's panel queries and applies the link's range.
 */
export function sharedDataOptions(token: string): PanelDataOptionsFactory {
  return (query, values) => {
    const params = interpolateVariables(query.params, values);
    const { dataSource } = query;
    return {
      queryKey: ['sharing', 'query', token, dataSource, params],
      queryFn: ({ signal }) => dataClient.sharing.query.query({ token, dataSource, params }, { signal }),
      structuralSharing: false,
    };
  };
}
