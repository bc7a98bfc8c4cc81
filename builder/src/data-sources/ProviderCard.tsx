import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { circuitTag, describeLimit, healthSummary, parseQuota } from './health-format.ts';
import { type ProviderView, useClearSecret, useSetConfig, useSetSecret, useTestProvider } from './useProviders.ts';

const SECRET_STATE: Record<string, { color: string; text: string }> = {
  environment: { color: 'blue', text: 'set in the environment' },
  stored: { color: 'green', text: 'stored (encrypted)' },
  missing: { color: 'orange', text: 'not set' },
};

/** One provider: its key(s), write-only; its settings; a Test button; limits and the health of each source. */
export function ProviderCard({ provider }: { provider: ProviderView }) {
  const { message } = App.useApp();
  const test = useTestProvider();
  const now = Date.now();
  return (
    <Card
      data-testid={`provider-${provider.id}`}
      title={
        <Flex wrap gap={8} align="center">
          <span>{provider.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {provider.id}
          </Typography.Text>
        </Flex>
      }
      extra={
        provider.canTest ? (
          <Button
            data-testid={`test-${provider.id}`}
            loading={test.isPending}
            onClick={() => test.mutate(provider.id, { onError: (error) => void message.error(describeApiError(error).message) })}
          >
            Test
          </Button>
        ) : undefined
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {provider.description}
        </Typography.Paragraph>
        {test.data && (
          <Alert
            data-testid={`test-result-${provider.id}`}
            type={test.data.ok ? 'success' : 'error'}
            showIcon
            message={test.data.ok ? 'Connection works' : 'The test failed'}
            description={test.data.message}
          />
        )}
        {provider.secrets.map((secret) => (
          <SecretRow key={secret.name} pluginId={provider.id} name={secret.name} state={secret.state} />
        ))}
        <SettingsForm provider={provider} />
        <div>
          <Typography.Text strong>Limits</Typography.Text>{' '}
          <Typography.Text type="secondary" data-testid={`limits-${provider.id}`}>
            {provider.rateLimits.length === 0
              ? 'none declared'
              : provider.rateLimits
                  .map((limit) => `${describeLimit(limit)} to ${limit.host} (${limit.remaining} left)`)
                  .join(' · ')}
            {provider.rateLimits.length > 0 && ' (held by Nautilus before any request is sent)'}
          </Typography.Text>
        </div>
        <Table
          size="small"
          rowKey="ref"
          pagination={false}
          scroll={{ x: true }}
          dataSource={provider.dataSources}
          columns={[
            { title: 'Source', dataIndex: 'name', render: (name: string, row) => <span title={row.ref}>{name}</span> },
            {
              title: 'State',
              render: (_, row) => {
                const tag = circuitTag(row.health, now);
                return <Tag color={tag.color}>{tag.text}</Tag>;
              },
            },
            { title: 'Health', render: (_, row) => healthSummary(row.health, now) },
            {
              title: 'Last error',
              render: (_, row) =>
                row.health.lastError ? (
                  <Typography.Text type="danger" style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                    {row.health.lastError}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

function SecretRow({ pluginId, name, state }: { pluginId: string; name: string; state: string }) {
  const { message } = App.useApp();
  const [value, setValue] = useState('');
  const save = useSetSecret();
  const clear = useClearSecret();
  const tag = SECRET_STATE[state] ?? { color: 'default', text: state };
  const fromEnvironment = state === 'environment';
  return (
    <Flex vertical gap={4}>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{name}</Typography.Text>
        <Tag color={tag.color} data-testid={`secret-state-${name}`}>
          {tag.text}
        </Tag>
      </Flex>
      {fromEnvironment ? (
        <Typography.Text type="secondary">NAUTILUS_SECRET_{name} is set on the server and wins; change it there.</Typography.Text>
      ) : (
        <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
          <Input.Password
            data-testid={`secret-input-${name}`}
            autoComplete="new-password"
            placeholder={state === 'stored' ? 'Enter a new key to replace the stored one' : 'Paste the API key'}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <Button
            type="primary"
            data-testid={`secret-save-${name}`}
            disabled={value.trim() === ''}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { pluginId, name, value: value.trim() },
                {
                  onSuccess: () => {
                    setValue('');
                    void message.success(`${name} saved. It is stored encrypted and never shown again.`);
                  },
                  onError: (error) => void message.error(describeApiError(error).message),
                },
              )
            }
          >
            Save key
          </Button>
          {state === 'stored' && (
            <Button
              danger
              loading={clear.isPending}
              onClick={() =>
                clear.mutate({ pluginId, name }, { onError: (error) => void message.error(describeApiError(error).message) })
              }
            >
              Remove
            </Button>
          )}
        </Space.Compact>
      )}
    </Flex>
  );
}

interface SettingsValues {
  quota?: string;
  baseUrl?: string;
  userAgent?: string;
  allowedHosts?: string;
  allowSelfSignedTls?: boolean;
}

function SettingsForm({ provider }: { provider: ProviderView }) {
  const { message } = App.useApp();
  const save = useSetConfig();
  const [form] = Form.useForm<SettingsValues>();
  const locked = new Set(provider.environmentConfig);
  const initial: SettingsValues = {
    baseUrl: provider.config.baseUrl ?? '',
    userAgent: provider.config.userAgent ?? '',
    allowedHosts: (provider.config.allowedHosts ?? []).join(', '),
    allowSelfSignedTls: provider.config.allowSelfSignedTls ?? false,
    quota: (provider.config.rateLimits ?? []).map((rule) => `${rule.requests}/${rule.perSeconds}`).join(', '),
  };
  const submit = (values: SettingsValues) => {
    const config: Record<string, unknown> = {};
    if (values.baseUrl?.trim()) config.baseUrl = values.baseUrl.trim();
    if (values.userAgent?.trim()) config.userAgent = values.userAgent.trim();
    const hosts = (values.allowedHosts ?? '')
      .split(/[\s,]+/)
      .map((host) => host.trim())
      .filter(Boolean);
    if (hosts.length > 0) config.allowedHosts = hosts;
    if (values.allowSelfSignedTls) config.allowSelfSignedTls = true;
    const quota = parseQuota(values.quota ?? '');
    if (quota === undefined) {
      void message.error('Write the quota as requests/seconds, e.g. 75/60 for 75 a minute; several separated by commas.');
      return;
    }
    if (quota.length > 0) config.rateLimits = quota;
    save.mutate(
      { pluginId: provider.id, config },
      {
        onSuccess: () => void message.success(`${provider.name} restarted with the new settings.`),
        onError: (error) => void message.error(describeApiError(error).message),
      },
    );
  };
  const lockedNote = (key: string) => (locked.has(key) ? 'Set in NAUTILUS_PLUGIN_CONFIG, which wins.' : undefined);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      style={{ maxWidth: 560 }}
      data-testid={`settings-${provider.id}`}
    >
      <Form.Item
        name="baseUrl"
        label="Base URL"
        extra={lockedNote('baseUrl') ?? 'Leave empty for the provider’s own address; set it for a proxy or a local gateway.'}
      >
        <Input placeholder="https://…" disabled={locked.has('baseUrl')} data-testid={`base-url-${provider.id}`} />
      </Form.Item>
      {provider.id === 'nautilus.sec-edgar' && (
        <Form.Item name="userAgent" label="User-Agent (your organisation and a contact e-mail)" extra={lockedNote('userAgent')}>
          <Input placeholder="Acme Research admin@acme.example" disabled={locked.has('userAgent')} />
        </Form.Item>
      )}
      {provider.id === 'nautilus.ckan' && (
        <Form.Item
          name="allowedHosts"
          label="Hosts files may be downloaded from"
          extra={lockedNote('allowedHosts') ?? 'Comma-separated; *.gov by default.'}
        >
          <Input placeholder="*.gov, data.cityofchicago.org" disabled={locked.has('allowedHosts')} />
        </Form.Item>
      )}
      {provider.id === 'nautilus.ibkr' && (
        <Form.Item
          name="allowSelfSignedTls"
          valuePropName="checked"
          extra="Only for the base URL’s host (your local gateway), never for other hosts."
        >
          <Checkbox disabled={locked.has('allowSelfSignedTls')}>Accept the gateway’s self-signed certificate</Checkbox>
        </Form.Item>
      )}
      {provider.rateLimits.length > 0 && (
        <Form.Item
          name="quota"
          label="Paid plan quota (replaces the free tier’s limits)"
          extra={lockedNote('rateLimits') ?? 'requests/seconds, e.g. 75/60 for 75 a minute; empty keeps the limits above.'}
        >
          <Input placeholder="75/60" disabled={locked.has('rateLimits')} data-testid={`quota-${provider.id}`} />
        </Form.Item>
      )}
      <Button htmlType="submit" loading={save.isPending} data-testid={`save-settings-${provider.id}`}>
        Save settings
      </Button>
    </Form>
  );
}
