import { Alert, Flex, Spin } from 'antd';
import type { User } from '../api/types.ts';
import { ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { ChainEditor } from './ChainEditor.tsx';
import { ProviderCard } from './ProviderCard.tsx';
import { useProviders } from './useProviders.ts';

/** Admins configure the market and economic data providers: keys, settings, tests, health and the bars chain. */
export function DataSourcesPage({ user }: { user: User }) {
  const providers = useProviders();
  if (user.role !== 'admin') {
    return (
      <Alert type="info" showIcon message="Only admins manage data sources" description="Ask an admin to add a provider’s key." />
    );
  }
  return (
    <Flex vertical gap={16}>
      <ListPageHeader title="Data sources" />
      <ChainEditor />
      {providers.isPending && <Spin />}
      {providers.error && <ListLoadError error={providers.error} onRetry={() => void providers.refetch()} />}
      {providers.data?.map((provider) => (
        <ProviderCard key={provider.id} provider={provider} />
      ))}
    </Flex>
  );
}
