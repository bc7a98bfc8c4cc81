import { useQuery } from '@tanstack/react-query';
import { Alert, Flex, List, Spin, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { labKeys, type StrategyVersionInfo } from './lab-api.ts';

/** Every saved version, newest first; picking one shows what it changed. */
export function VersionsPanel({ strategyId }: { strategyId: string }) {
  const { token } = theme.useToken();
  const versions = useQuery({
    queryKey: labKeys.versions(strategyId),
    queryFn: ({ signal }) => trpc.strategies.versions.query({ id: strategyId }, { signal }),
  });
  const [shown, setShown] = useState<number>();
  const diff = useQuery({
    queryKey: labKeys.diff(strategyId, shown ?? 0),
    queryFn: ({ signal }) => trpc.strategies.diff.query({ id: strategyId, to: shown! }, { signal }),
    enabled: shown !== undefined && shown > 1,
  });

  const lineColor = (line: string) =>
    line.startsWith('+') && !line.startsWith('+++')
      ? token.colorSuccessText
      : line.startsWith('-') && !line.startsWith('---')
        ? token.colorErrorText
        : line.startsWith('@@')
          ? token.colorInfoText
          : undefined;

  return (
    <Flex gap={16} align="flex-start" wrap>
      <List<StrategyVersionInfo>
        data-testid="strategy-versions"
        style={{ width: 360 }}
        bordered
        size="small"
        loading={versions.isPending}
        dataSource={versions.data ?? []}
        renderItem={(item) => (
          <List.Item
            data-testid={`version-${item.version}`}
            style={{ cursor: 'pointer', background: item.version === shown ? token.controlItemBgActive : undefined }}
            onClick={() => setShown(item.version)}
          >
            <Flex vertical>
              <Typography.Text strong>
                v{item.version}{' '}
                {item.draft && (
                  <Tag color="gold" data-testid={`version-${item.version}-draft`}>
                    draft
                  </Tag>
                )}
                <Typography.Text type="secondary">{item.message ?? ''}</Typography.Text>
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {new Date(item.createdAt).toLocaleString()}
                {item.createdBy ? ` by ${item.createdBy}` : ''} · +{item.linesAdded} −{item.linesRemoved}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <div style={{ flex: 1, minWidth: 320 }}>
        {versions.error && <Alert type="error" showIcon title={describeApiError(versions.error).message} />}
        {shown === undefined && <Typography.Text type="secondary">Pick a version to see its diff.</Typography.Text>}
        {shown === 1 && (
          <Typography.Text type="secondary">Version 1 is the first version: nothing to compare it with.</Typography.Text>
        )}
        {diff.isFetching && <Spin />}
        {diff.error && <Alert type="error" showIcon title={describeApiError(diff.error).message} />}
        {shown !== undefined && shown > 1 && diff.data && (
          <pre
            data-testid="version-diff"
            style={{
              margin: 0,
              padding: 12,
              maxHeight: 480,
              overflow: 'auto',
              fontSize: 12,
              background: token.colorFillQuaternary,
              borderRadius: token.borderRadius,
            }}
          >
            {diff.data.diff.split('\n').map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity beyond their position
              <div key={index} style={{ color: lineColor(line) }}>
                {line || ' '}
              </div>
            ))}
          </pre>
        )}
      </div>
    </Flex>
  );
}
