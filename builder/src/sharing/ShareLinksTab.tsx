import type { TimeRange } from '@nautilus/sdk';
import { Alert, App, Button, DatePicker, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import { describeTimeRange } from '../data/time-ranges.ts';
import type { VariableValues } from '../data/variable-values.ts';
import { EXPIRY_CHOICES, type ExpiryChoice, expiresAtFor, shareUrl } from './share-expiry.ts';
import { type ShareLink, useCreateShareLink, useRevokeShareLink, useShareLinks } from './useSharing.ts';

const STATE_COLORS = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** Makes, copies, lists and revokes read-only links that open the dashboard as it is shown now. */
export function ShareLinksTab({
  dashboardId,
  values,
  timeRange,
}: {
  dashboardId: string;
  values: VariableValues;
  timeRange: TimeRange;
}) {
  const links = useShareLinks(dashboardId);
  const create = useCreateShareLink(dashboardId);
  const revoke = useRevokeShareLink(dashboardId);
  const { message } = App.useApp();
  const [choice, setChoice] = useState<ExpiryChoice>('7d');
  const [custom, setCustom] = useState<number>();
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const makeLink = () => {
    const expiry = expiresAtFor(choice, Date.now(), custom);
    if ('problem' in expiry) return setProblem(expiry.problem);
    setProblem(undefined);
    create.mutate(
      { expiresAt: expiry.at, variables: { ...values }, timeRange, ...(label.trim() ? { label: label.trim() } : {}) },
      { onSuccess: (link) => setMade(shareUrl(link.token, window.location)) },
    );
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      message.success('Link copied.');
    } catch {
      message.info('Select the link and copy it: this browser did not allow copying.');
    }
  };

  const nowMs = Date.now();
  const variableText = Object.entries(values)
    .map(([name, value]) => `$${name} = ${value}`)
    .join(', ');

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Anyone with the link sees this dashboard read-only, without an account, over {describeTimeRange(timeRange)}
        {variableText ? ` with ${variableText}` : ''}, until it expires or you revoke it.
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select<ExpiryChoice>
          data-testid="share-expiry"
          aria-label="Expires after"
          value={choice}
          onChange={setChoice}
          style={{ width: 130 }}
          options={EXPIRY_CHOICES.map((item) => ({ value: item.value, label: item.label }))}
        />
        {choice === 'custom' && (
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            aria-label="Expires at"
            onChange={(picked) => setCustom(picked ? picked.valueOf() : undefined)}
          />
        )}
        <Input
          placeholder="Label (optional)"
          aria-label="Label"
          value={label}
          maxLength={200}
          onChange={(event) => setLabel(event.target.value)}
          style={{ flex: '1 1 140px', minWidth: 0 }}
        />
        <Button type="primary" data-testid="share-create-link" loading={create.isPending} onClick={makeLink}>
          Create link
        </Button>
      </Flex>
      {(problem || create.error) && <Alert type="error" showIcon title={problem ?? describeApiError(create.error).message} />}
      {made && (
        <Alert
          type="success"
          title="Copy the link now: it is shown only once."
          description={
            <Space.Compact style={{ width: '100%' }}>
              <Input readOnly value={made} data-testid="share-link-url" onFocus={(event) => event.target.select()} />
              <Button data-testid="share-copy-link" onClick={() => void copy(made)}>
                Copy
              </Button>
            </Space.Compact>
          }
        />
      )}
      {links.error && <Alert type="error" showIcon title={describeApiError(links.error).message} />}
      <div data-testid="share-links-table" style={{ overflowX: 'auto' }}>
        <Table<ShareLink>
          size="small"
          rowKey="id"
          loading={links.isPending && !links.error}
          dataSource={links.data}
          pagination={{ hideOnSinglePage: true, pageSize: 10 }}
          locale={{ emptyText: 'No links yet.' }}
          columns={[
            {
              title: 'Link',
              key: 'label',
              render: (_, link) => (
                <Flex vertical>
                  <span>{link.label ?? describeTimeRange(link.timeRange)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    by {link.createdBy ?? 'someone'}, {formatRelativeTime(link.createdAt, nowMs)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: 'Expires',
              dataIndex: 'expiresAt',
              render: (expiresAt: string) => new Date(expiresAt).toLocaleString(),
            },
            {
              title: 'State',
              dataIndex: 'state',
              render: (state: ShareLink['state']) => <Tag color={STATE_COLORS[state]}>{state}</Tag>,
            },
            {
              title: '',
              key: 'revoke',
              render: (_, link) =>
                link.state === 'active' && (
                  <Popconfirm
                    title="Revoke this link?"
                    description="Whoever has it loses access at once."
                    okText="Revoke"
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      revoke.mutateAsync(link.id).then(
                        () => void message.success('Link revoked.'),
                        (error: unknown) => void message.error(describeApiError(error).message),
                      )
                    }
                  >
                    <Button size="small" danger data-testid="share-revoke-link">
                      Revoke
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </div>
    </Flex>
  );
}
