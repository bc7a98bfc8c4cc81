import { Alert, App, Button, Flex, List, Modal, Spin, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { routeHash } from '../routing/route.ts';
import { type InstalledPlugin, useDependents, useUninstall } from './usePluginInstalls.ts';

/** Lists what uses a plugin (dashboards, running deployments, portfolios) and uninstalls it once confirmed. */
export function UninstallDialog({ plugin, onClose }: { plugin: InstalledPlugin | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const dependents = useDependents(plugin?.pluginId);
  const uninstall = useUninstall();
  if (!plugin) return null;
  const items = dependents.data
    ? [
        ...dependents.data.dashboards.map((item) => ({
          key: `d-${item.id}`,
          text: (
            <span>
              Dashboard <a href={routeHash({ name: 'dashboard', id: item.id })}>{item.title}</a>: panels {item.panels.join(', ')}
            </span>
          ),
        })),
        ...dependents.data.deployments.map((item) => ({
          key: `r-${item.id}`,
          text: (
            <span>
              Running deployment of {item.strategyName} ({item.dataSource})
            </span>
          ),
        })),
        ...dependents.data.portfolios.map((item) => ({
          key: `p-${item.id}`,
          text: (
            <span>
              Portfolio {item.name} ({item.dataSource})
            </span>
          ),
        })),
      ]
    : [];
  return (
    <Modal
      open
      title={`Uninstall ${plugin.name}?`}
      onCancel={onClose}
      footer={
        <Flex wrap gap={8} justify="flex-end">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            danger
            type="primary"
            data-testid="uninstall-confirm"
            disabled={!dependents.data}
            loading={uninstall.isPending}
            onClick={() =>
              uninstall.mutate(plugin.pluginId, {
                onSuccess: () => {
                  void message.success(`${plugin.name} is uninstalled.`);
                  onClose();
                },
              })
            }
          >
            Uninstall
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="uninstall-dialog">
        {dependents.isPending && <Spin />}
        {dependents.error && <Alert type="error" showIcon title={describeApiError(dependents.error).message} />}
        {dependents.data && items.length === 0 && (
          <Typography.Text data-testid="uninstall-dependents">Nothing uses it.</Typography.Text>
        )}
        {items.length > 0 && (
          <>
            <Typography.Text>
              These stop drawing or running until the plugin is installed again; they keep their settings:
            </Typography.Text>
            <List
              size="small"
              bordered
              data-testid="uninstall-dependents"
              dataSource={items}
              renderItem={(item) => <List.Item>{item.text}</List.Item>}
            />
          </>
        )}
        <Typography.Text type="secondary">
          Every installed version of {plugin.pluginId} is removed; its data folder is kept.
        </Typography.Text>
        {uninstall.error && <Alert type="error" showIcon title={describeApiError(uninstall.error).message} />}
      </Flex>
    </Modal>
  );
}
