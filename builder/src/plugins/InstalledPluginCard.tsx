import { Alert, App, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { originLabel, signatureLabel, stateColor } from './plugin-labels.ts';
import { type InstalledPlugin, type PackageReview, usePluginAction, useUpdatePlugin } from './usePluginInstalls.ts';

const list = (items: string[]) => (items.length ? items.join(', ') : 'none');

/** One installed plugin: state, version, source, signature, permissions, errors, pending updates and its actions. */
export function InstalledPluginCard({
  plugin,
  onReview,
  onUninstall,
}: {
  plugin: InstalledPlugin;
  onReview: (review: PackageReview) => void;
  onUninstall: (plugin: InstalledPlugin) => void;
}) {
  const { message } = App.useApp();
  const action = usePluginAction();
  const signature = signatureLabel(plugin.signature);
  const update = useUpdatePlugin();
  const fail = (error: unknown) => void message.error(describeApiError(error).message);
  const run = (name: 'enable' | 'disable' | 'rollback') =>
    action.mutate({ action: name, pluginId: plugin.pluginId }, { onError: fail });
  const checkUpdate = () =>
    update.mutate(plugin.pluginId, {
      onSuccess: (result) => {
        if (result.status === 'up-to-date') void message.info(`${plugin.name} is up to date (${result.review.version}).`);
        else if (result.status === 'applied') void message.success(`${plugin.name} updated to ${result.review.version}.`);
        else onReview(result.review);
      },
      onError: fail,
    });
  return (
    <Card
      data-testid={`installed-${plugin.pluginId}`}
      title={
        <Flex wrap gap={8} align="center">
          <span>{plugin.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {plugin.pluginId}
          </Typography.Text>
          <Tag data-testid={`installed-version-${plugin.pluginId}`}>{plugin.version}</Tag>
          <Tag color={stateColor(plugin.state)} data-testid={`installed-state-${plugin.pluginId}`}>
            {plugin.state}
          </Tag>
          <Tag color={signature.color}>{signature.text}</Tag>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {plugin.description}
        </Typography.Paragraph>
        {plugin.error && <Alert type="error" showIcon data-testid={`installed-error-${plugin.pluginId}`} title={plugin.error} />}
        {signature.detail && <Alert type="warning" showIcon title={signature.detail} />}
        {plugin.pending.map((review) => (
          <Alert
            key={review.version}
            type="info"
            showIcon
            title={`Version ${review.version} is staged and waits for approval${review.needsApproval ? ' (it asks for more permissions)' : ''}.`}
            action={
              <Button size="small" data-testid={`review-${plugin.pluginId}-${review.version}`} onClick={() => onReview(review)}>
                Review
              </Button>
            }
          />
        ))}
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="Network hosts">{list(plugin.permissions.network)}</Descriptions.Item>
          <Descriptions.Item label="Secrets">{list(plugin.permissions.secrets)}</Descriptions.Item>
          <Descriptions.Item label="Queries data sources">{list(plugin.permissions.dataSources ?? [])}</Descriptions.Item>
          <Descriptions.Item label="Contributes">
            {Object.entries(plugin.contributes)
              .map(([kind, items]) => `${kind}: ${(items ?? []).map((item) => item.name).join(', ')}`)
              .join('; ') || 'nothing'}
          </Descriptions.Item>
          <Descriptions.Item label="Source">{originLabel(plugin.origin)}</Descriptions.Item>
          <Descriptions.Item label="Core versions">{plugin.engine}</Descriptions.Item>
          <Descriptions.Item label="Previous version">{plugin.previousVersion ?? 'none'}</Descriptions.Item>
          {plugin.restarts > 0 && <Descriptions.Item label="Restarts">{plugin.restarts}</Descriptions.Item>}
        </Descriptions>
        <IsolationParts isolation={plugin.isolation} pluginId={plugin.pluginId} />
        <Flex wrap gap={8}>
          {plugin.enabled ? (
            <Button data-testid={`disable-${plugin.pluginId}`} loading={action.isPending} onClick={() => run('disable')}>
              Disable
            </Button>
          ) : (
            <Button data-testid={`enable-${plugin.pluginId}`} loading={action.isPending} onClick={() => run('enable')}>
              Enable
            </Button>
          )}
          {plugin.origin.kind === 'registry' && (
            <Button data-testid={`update-${plugin.pluginId}`} loading={update.isPending} onClick={checkUpdate}>
              Check for update
            </Button>
          )}
          {plugin.previousVersion && (
            <Button data-testid={`rollback-${plugin.pluginId}`} loading={action.isPending} onClick={() => run('rollback')}>
              Roll back to {plugin.previousVersion}
            </Button>
          )}
          <Button danger data-testid={`uninstall-${plugin.pluginId}`} onClick={() => onUninstall(plugin)}>
            Uninstall
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** What confines the plugin on this machine, part by part; a part the OS cannot enforce here is said so plainly. */
function IsolationParts({ isolation, pluginId }: { isolation: InstalledPlugin['isolation']; pluginId: string }) {
  if (!isolation) return null;
  const weak = isolation.parts.filter((part) => !part.enforced);
  return (
    <Flex vertical gap={4} data-testid={`isolation-${pluginId}`}>
      <Typography.Text strong>
        {isolation.mode === 'process' ? 'Runs in a process of its own' : 'Runs in the server process'}
      </Typography.Text>
      {isolation.parts.map((part) => (
        <Typography.Text key={part.part} type={part.enforced ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
          {part.enforced ? '✓' : '⚠'} {part.part}: {part.how}
        </Typography.Text>
      ))}
      {weak.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`Not enforced on this machine: ${weak.map((part) => part.part).join(', ')}. Install only plugins you trust for these.`}
        />
      )}
    </Flex>
  );
}
