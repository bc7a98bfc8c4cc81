import { Alert, Button, Card, Flex, List, Spin, Tag } from 'antd';
import { useState } from 'react';
import type { User } from '../api/types.ts';
import { ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { InstallCard } from './InstallCard.tsx';
import { InstalledPluginCard } from './InstalledPluginCard.tsx';
import { signatureLabel } from './plugin-labels.ts';
import { ReviewDialog } from './ReviewDialog.tsx';
import { TrustCard } from './TrustCard.tsx';
import { UninstallDialog } from './UninstallDialog.tsx';
import { type InstalledPlugin, type PackageReview, usePluginInstalls } from './usePluginInstalls.ts';

/**
 * Admins install plugin packages (upload or npm registry), review and approve what each declares,
 * and enable, disable, update, roll back or uninstall them while the server runs.
 */
export function PluginsPage({ user }: { user: User }) {
  const installs = usePluginInstalls();
  const [review, setReview] = useState<PackageReview>();
  const [uninstalling, setUninstalling] = useState<InstalledPlugin>();
  if (user.role !== 'admin') {
    return <Alert type="info" showIcon title="Only admins install plugins" description="Ask an admin for the plugin you need." />;
  }
  return (
    <Flex vertical gap={16}>
      <ListPageHeader title="Plugins" />
      <InstallCard onStaged={setReview} />
      {installs.isPending && <Spin />}
      {installs.error && <ListLoadError error={installs.error} onRetry={() => void installs.refetch()} />}
      {installs.data && installs.data.staged.length > 0 && (
        <Card title="Waiting for approval">
          <List
            data-testid="staged-list"
            dataSource={installs.data.staged}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Button key="review" data-testid={`review-${item.pluginId}-${item.version}`} onClick={() => setReview(item)}>
                    Review
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${item.name} ${item.version}`}
                  description={
                    <Flex wrap gap={4}>
                      <span>{item.pluginId}</span>
                      <Tag color={signatureLabel(item.signature).color}>{signatureLabel(item.signature).text}</Tag>
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {installs.data && installs.data.installed.length === 0 && (
        <Alert
          type="info"
          showIcon
          title="No plugins are installed yet"
          description="First-party plugins ship with Nautilus and are not listed here."
        />
      )}
      {installs.data?.installed.map((plugin) => (
        <InstalledPluginCard key={plugin.pluginId} plugin={plugin} onReview={setReview} onUninstall={setUninstalling} />
      ))}
      <TrustCard />
      <ReviewDialog review={review} onClose={() => setReview(undefined)} />
      <UninstallDialog plugin={uninstalling} onClose={() => setUninstalling(undefined)} />
    </Flex>
  );
}
