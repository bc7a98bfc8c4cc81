import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import { uploadPackage } from './plugin-package-api.ts';

type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;
export type PluginInstallList = Output<typeof trpc.pluginInstalls.list.query>;
export type InstalledPlugin = PluginInstallList['installed'][number];
export type PackageReview = PluginInstallList['staged'][number];
export type PluginDependents = Output<typeof trpc.pluginInstalls.dependents.query>;
export type SignatureStatus = PackageReview['signature'];
export type TrustedKey = Output<typeof trpc.pluginInstalls.trustedKeys.query>[number];

const keys = {
  all: ['pluginInstalls'] as const,
  list: ['pluginInstalls', 'list'] as const,
  dependents: (pluginId: string) => ['pluginInstalls', 'dependents', pluginId] as const,
  trustedKeys: ['pluginInstalls', 'trustedKeys'] as const,
  requireSigned: ['pluginInstalls', 'requireSigned'] as const,
};

/**
 * After a plugin starts or stops, the palette, the data sources and the plugin statuses change with it.
 * They are reset, not just marked stale: a dashboard opened next must not draw from the old catalog
 * (an updated widget's bundle URL carries its new version) while the new one loads.
 */
function useRefreshCatalog() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.all });
    for (const queryKey of [queryKeys.widgets, queryKeys.dataSources, queryKeys.plugins])
      void queryClient.resetQueries({ queryKey });
  };
}

/** Installed plugins and packages staged for review; refreshed every 10 s while open (another admin may act). */
export function usePluginInstalls() {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => trpc.pluginInstalls.list.query(undefined, { signal }),
    refetchInterval: 10_000,
  });
}

export function useUploadPackage() {
  const refresh = useRefreshCatalog();
  return useMutation({ mutationFn: uploadPackage, onSuccess: refresh });
}

export function useStageFromRegistry() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (input: { name: string; version?: string }) => trpc.pluginInstalls.stageFromRegistry.mutate(input),
    onSuccess: refresh,
  });
}

export function useApprove() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (review: Pick<PackageReview, 'pluginId' | 'version' | 'integrity'>) =>
      trpc.pluginInstalls.approve.mutate({ pluginId: review.pluginId, version: review.version, integrity: review.integrity }),
    onSuccess: refresh,
  });
}

export function useDiscard() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (review: Pick<PackageReview, 'pluginId' | 'version'>) =>
      trpc.pluginInstalls.discard.mutate({ pluginId: review.pluginId, version: review.version }),
    onSuccess: refresh,
  });
}

/** Enable, disable or roll back one plugin. */
export function usePluginAction() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: ({ action, pluginId }: { action: 'enable' | 'disable' | 'rollback'; pluginId: string }) =>
      trpc.pluginInstalls[action].mutate({ pluginId }),
    onSuccess: refresh,
  });
}

/** Fetches a registry plugin's latest version: applied at once, or staged for approval when it asks for more. */
export function useUpdatePlugin() {
  const refresh = useRefreshCatalog();
  return useMutation({ mutationFn: (pluginId: string) => trpc.pluginInstalls.update.mutate({ pluginId }), onSuccess: refresh });
}

export function useDependents(pluginId: string | undefined) {
  return useQuery({
    queryKey: keys.dependents(pluginId ?? ''),
    queryFn: ({ signal }) => trpc.pluginInstalls.dependents.query({ pluginId: pluginId as string }, { signal }),
    enabled: pluginId !== undefined,
    staleTime: 0,
  });
}

export function useUninstall() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (pluginId: string) => trpc.pluginInstalls.uninstall.mutate({ pluginId, confirm: true }),
    onSuccess: refresh,
  });
}

export function useTrustedKeys() {
  return useQuery({
    queryKey: keys.trustedKeys,
    queryFn: ({ signal }) => trpc.pluginInstalls.trustedKeys.query(undefined, { signal }),
  });
}

export function useAddTrustedKey() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (input: { name: string; publicKey: string }) => trpc.pluginInstalls.addTrustedKey.mutate(input),
    onSuccess: refresh,
  });
}

export function useRemoveTrustedKey() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (keyId: string) => trpc.pluginInstalls.removeTrustedKey.mutate({ keyId }),
    onSuccess: refresh,
  });
}

export function useRequireSigned() {
  return useQuery({
    queryKey: keys.requireSigned,
    queryFn: ({ signal }) => trpc.pluginInstalls.requireSigned.query(undefined, { signal }),
  });
}

export function useSetRequireSigned() {
  const refresh = useRefreshCatalog();
  return useMutation({
    mutationFn: (value: boolean) => trpc.pluginInstalls.setRequireSigned.mutate({ value }),
    onSuccess: refresh,
  });
}
