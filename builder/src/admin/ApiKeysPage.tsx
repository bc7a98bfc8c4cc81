import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { User } from '../api/types.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';
import { ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { AdminFrame } from './AdminNav.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { type ApiKey, useApiKeys, useCreateApiKey, useRevokeApiKey, useUsers } from './useAdmin.ts';

/** Every API key: make one for any user (shown once), see when each was last used, revoke it. */
export function ApiKeysPage({ user }: { user: User }) {
  return (
    <AdminFrame user={user} current="api-keys">
      <ApiKeysList me={user} />
    </AdminFrame>
  );
}

function ApiKeysList({ me }: { me: User }) {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const nowMs = Date.now();

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="API keys"
        action={
          <Button type="primary" data-testid="create-api-key-button" onClick={() => setCreating(true)}>
            New API key
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="api-docs-hint">
        Programs call the API with a key as <Typography.Text code>Authorization: Bearer &lt;key&gt;</Typography.Text>. Every call
        is described, and can be tried, in the{' '}
        <Typography.Link href="/docs" target="_blank" data-testid="api-docs-link">
          API documentation
        </Typography.Link>{' '}
        (<Typography.Text code>/api/openapi.json</Typography.Text> for client generators).
      </Typography.Paragraph>
      {keys.error && <ListLoadError error={keys.error} onRetry={() => void keys.refetch()} />}
      <div data-testid="api-keys-table" style={{ overflowX: 'auto' }}>
        <Table<ApiKey>
          rowKey="id"
          loading={keys.isPending && !keys.error}
          dataSource={keys.data}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          locale={{ emptyText: 'No API keys yet.' }}
          columns={[
            { title: 'Name', dataIndex: 'name' },
            { title: 'User', dataIndex: 'username' },
            {
              title: 'Created',
              dataIndex: 'createdAt',
              responsive: ['md'],
              render: (at: string) => formatRelativeTime(at, nowMs),
            },
            {
              title: 'Last used',
              dataIndex: 'lastUsedAt',
              responsive: ['md'],
              render: (at: string | null) => (at ? formatRelativeTime(at, nowMs) : 'never'),
            },
            {
              title: 'State',
              dataIndex: 'revokedAt',
              render: (revokedAt: string | null) =>
                revokedAt ? <Tag color="red">revoked</Tag> : <Tag color="green">active</Tag>,
            },
            {
              title: '',
              key: 'revoke',
              render: (_, key) =>
                !key.revokedAt && (
                  <Popconfirm
                    title={`Revoke “${key.name}”?`}
                    description="Scripts using it are refused at once."
                    okText="Revoke"
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      revoke.mutateAsync(key.id).then(
                        () => void message.success('Key revoked.'),
                        (error: unknown) => void message.error(describeApiError(error).message),
                      )
                    }
                  >
                    <Button size="small" danger>
                      Revoke
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </div>
      {creating && (
        <CreateApiKeyDialog
          me={me}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setSecret(key);
          }}
        />
      )}
      {secret && <OneTimeSecret title="The new API key" secret={secret} onClose={() => setSecret(undefined)} />}
    </Flex>
  );
}

function CreateApiKeyDialog({ me, onClose, onCreated }: { me: User; onClose: () => void; onCreated: (key: string) => void }) {
  const [form] = Form.useForm<{ name: string; userId: string }>();
  const users = useUsers();
  const create = useCreateApiKey();
  return (
    <Modal
      open
      title="New API key"
      okText="Create"
      onOk={form.submit}
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.error && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={describeApiError(create.error).message} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ userId: me.id }}
        onFinish={({ name, userId }) =>
          create.mutate({ name: name.trim(), userId }, { onSuccess: (created) => onCreated(created.key) })
        }
      >
        <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, max: 100, message: 'Name the key.' }]}>
          <Input autoFocus placeholder="What uses it, e.g. Prometheus" />
        </Form.Item>
        <Form.Item label="Acts as" name="userId" extra="A key has its user's role and permissions.">
          <Select
            loading={users.isPending}
            showSearch
            optionFilterProp="label"
            options={(users.data ?? [])
              .filter((user) => !user.disabled)
              .map((user) => ({ value: user.id, label: `${user.username} (${user.role})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
