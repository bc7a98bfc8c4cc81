import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import {
  useAddTrustedKey,
  useRemoveTrustedKey,
  useRequireSigned,
  useSetRequireSigned,
  useTrustedKeys,
} from './usePluginInstalls.ts';

/** The signing keys this server trusts, and whether only plugins signed by one of them may be installed. */
export function TrustCard() {
  const { message } = App.useApp();
  const keys = useTrustedKeys();
  const requireSigned = useRequireSigned();
  const setRequireSigned = useSetRequireSigned();
  const add = useAddTrustedKey();
  const remove = useRemoveTrustedKey();
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const forced = requireSigned.data?.forcedByEnvironment === true;
  return (
    <Card title="Signatures">
      <Flex vertical gap={16}>
        <Flex gap={8} align="center" wrap>
          <Switch
            data-testid="require-signed"
            checked={requireSigned.data?.value === true}
            disabled={forced || requireSigned.isPending}
            loading={setRequireSigned.isPending}
            onChange={(value) =>
              setRequireSigned.mutate(value, { onError: (error) => void message.error(describeApiError(error).message) })
            }
          />
          <Typography.Text>Install only plugins signed by a trusted key</Typography.Text>
          {forced && <Typography.Text type="secondary">(on by NAUTILUS_REQUIRE_SIGNED_PLUGINS)</Typography.Text>}
        </Flex>
        <Table
          size="small"
          rowKey="keyId"
          pagination={false}
          scroll={{ x: true }}
          loading={keys.isPending}
          dataSource={keys.data ?? []}
          locale={{
            emptyText: 'No trusted keys. Authors make one with `nautilus plugins keygen <name>` and send you the public key.',
          }}
          columns={[
            { title: 'Name', dataIndex: 'name' },
            { title: 'Key id', dataIndex: 'keyId', render: (keyId: string) => <Typography.Text code>{keyId}</Typography.Text> },
            {
              title: '',
              align: 'right',
              render: (_, key) => (
                <Popconfirm
                  title={`Stop trusting ${key.name}?`}
                  description="Plugins it signed show as signed by an untrusted key."
                  onConfirm={() => remove.mutate(key.keyId)}
                >
                  <Button size="small" danger>
                    Remove
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <Form
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={() =>
            add.mutate(
              { name: name.trim(), publicKey: publicKey.trim() },
              {
                onSuccess: () => {
                  setName('');
                  setPublicKey('');
                },
              },
            )
          }
        >
          <Form.Item label="Name" style={{ flex: '1 1 160px' }}>
            <Input
              data-testid="key-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="ACME release key"
            />
          </Form.Item>
          <Form.Item label="Public key" style={{ flex: '2 1 260px' }}>
            <Input
              data-testid="key-public"
              value={publicKey}
              onChange={(event) => setPublicKey(event.target.value)}
              placeholder="ed25519:…"
            />
          </Form.Item>
          <Button htmlType="submit" data-testid="key-add" disabled={!name.trim() || !publicKey.trim()} loading={add.isPending}>
            Trust key
          </Button>
        </Form>
        {add.error && <Alert type="error" showIcon title={describeApiError(add.error).message} />}
      </Flex>
    </Card>
  );
}
