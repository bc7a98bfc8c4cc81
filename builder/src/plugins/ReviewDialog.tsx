import { Alert, App, Button, Descriptions, Flex, Modal, Tag, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { formatBytes, originLabel, signatureLabel } from './plugin-labels.ts';
import { type PackageReview, useApprove, useDiscard } from './usePluginInstalls.ts';

/** A list of tags, the ones in `added` marked new. */
function Items({ items, added, testId }: { items: string[]; added: string[]; testId: string }) {
  if (items.length === 0) return <Typography.Text type="secondary">none</Typography.Text>;
  return (
    <Flex wrap gap={4} data-testid={testId}>
      {items.map((item) => (
        <Tag key={item} color={added.includes(item) ? 'gold' : undefined}>
          {item}
          {added.includes(item) ? ' (new)' : ''}
        </Tag>
      ))}
    </Flex>
  );
}

/**
 * The approval dialog: everything a staged package declares (hosts, secrets, contributions, engine),
 * its integrity and signature, and for an update what it asks for that the installed version did
 * not. Nothing of the plugin has run; approving loads it.
 */
export function ReviewDialog({ review, onClose }: { review: PackageReview | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const approve = useApprove();
  const discard = useDiscard();
  if (!review) return null;
  const signature = signatureLabel(review.signature);
  const update = review.installedVersion !== null;
  const { added } = review;
  const addsAnything = added.network.length + added.secrets.length + added.dataSources.length + added.kinds.length > 0;
  const onApprove = () =>
    approve.mutate(review, {
      onSuccess: (plugin) => {
        if (plugin.state === 'failed')
          void message.warning(`${plugin.name} ${plugin.version} is installed but failed to start: ${plugin.error}`);
        else void message.success(`${plugin.name} ${plugin.version} is ${plugin.state === 'active' ? 'running' : plugin.state}.`);
        onClose();
      },
    });
  return (
    <Modal
      open
      title={`${update ? 'Update' : 'Install'} ${review.name} ${review.version}?`}
      onCancel={onClose}
      width={640}
      footer={
        <Flex wrap gap={8} justify="flex-end">
          {!review.approved && (
            <Button
              data-testid="review-discard"
              loading={discard.isPending}
              onClick={() => discard.mutate(review, { onSuccess: onClose })}
            >
              Discard
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="primary"
            data-testid="review-approve"
            disabled={review.refusal !== null}
            loading={approve.isPending}
            onClick={onApprove}
          >
            {update ? `Approve and update from ${review.installedVersion}` : 'Approve and install'}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="review-dialog">
        <Typography.Paragraph style={{ margin: 0 }}>{review.description}</Typography.Paragraph>
        {update && (
          <Alert
            type={addsAnything ? 'warning' : 'info'}
            showIcon
            data-testid="review-added"
            title={
              addsAnything
                ? `This version asks for more than ${review.installedVersion}: ${[
                    ...added.network.map((host) => `host ${host}`),
                    ...added.secrets.map((name) => `secret ${name}`),
                    ...added.dataSources.map((source) => `data source ${source}`),
                    ...added.kinds.map((kind) => `${kind} access`),
                  ].join(', ')}.`
                : `This version asks for nothing ${review.installedVersion} did not.`
            }
          />
        )}
        {review.refusal && <Alert type="error" showIcon title={`Cannot be approved: ${review.refusal}`} />}
        <Descriptions size="small" column={1} bordered styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="Plugin">
            {review.pluginId} {review.version} ({review.packageName})
          </Descriptions.Item>
          <Descriptions.Item label="Network hosts">
            <Items items={review.permissions.network} added={added.network} testId="review-hosts" />
          </Descriptions.Item>
          <Descriptions.Item label="Secrets">
            <Items items={review.permissions.secrets} added={added.secrets} testId="review-secrets" />
          </Descriptions.Item>
          <Descriptions.Item label="Queries data sources">
            <Items items={review.permissions.dataSources ?? []} added={added.dataSources} testId="review-data-sources" />
          </Descriptions.Item>
          <Descriptions.Item label="Contributes">
            <Flex vertical gap={2} data-testid="review-contributes">
              {Object.entries(review.contributes).map(([kind, items]) => (
                <span key={kind}>
                  {kind}: {(items ?? []).map((item) => item.name).join(', ')}
                </span>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label="Core versions">{review.engine}</Descriptions.Item>
          <Descriptions.Item label="Signature">
            <Tag color={signature.color} data-testid="review-signature">
              {signature.text}
            </Tag>
            {signature.detail && <Typography.Text type="secondary">{signature.detail}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="Source">
            {originLabel(review.origin)}, {formatBytes(review.sizeBytes)}
          </Descriptions.Item>
          <Descriptions.Item label="Integrity">
            <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {review.integrity}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">
          The plugin runs in a process of its own, reaching only the hosts, secrets and data sources listed; its widgets run in
          every viewer’s browser. Approve only plugins you trust.
        </Typography.Text>
        {(approve.error || discard.error) && (
          <Alert type="error" showIcon title={describeApiError(approve.error ?? discard.error).message} />
        )}
      </Flex>
    </Modal>
  );
}
