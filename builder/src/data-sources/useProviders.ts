import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc.ts';

export type ProviderView = Awaited<ReturnType<typeof trpc.providers.list.query>>[number];
export type ChainRule = Awaited<ReturnType<typeof trpc.providers.chain.query>>['chain'][number];
export type HealthReport = ProviderView['dataSources'][number]['health'];

const keys = {
  providers: ['providers'] as const,
  chain: ['providers', 'chain'] as const,
};

/** Provider plugins with their secrets' state, settings and health; refreshed every 10 s while open. */
export function useProviders() {
  return useQuery({
    queryKey: keys.providers,
    queryFn: ({ signal }) => trpc.providers.list.query(undefined, { signal }),
    refetchInterval: 10_000,
  });
}

export function useChain() {
  return useQuery({ queryKey: keys.chain, queryFn: ({ signal }) => trpc.providers.chain.query(undefined, { signal }) });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: keys.providers });
}

export function useSetSecret() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { pluginId: string; name: string; value: string }) => trpc.providers.setSecret.mutate(input),
    onSuccess: invalidate,
  });
}

export function useClearSecret() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { pluginId: string; name: string }) => trpc.providers.clearSecret.mutate(input),
    onSuccess: invalidate,
  });
}

export function useSetConfig() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { pluginId: string; config: Record<string, unknown> }) => trpc.providers.setConfig.mutate(input),
    onSuccess: invalidate,
  });
}

export function useTestProvider() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (pluginId: string) => trpc.providers.test.mutate({ pluginId }),
    onSettled: invalidate,
  });
}

export function useSetChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (chain: ChainRule[]) => trpc.providers.setChain.mutate({ chain }),
    onSuccess: (saved) => queryClient.setQueryData(keys.chain, saved),
  });
}
