import { App, Button, Flex, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { User } from '../api/types.ts';
import { ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { AdminFrame } from './AdminNav.tsx';
import { CreateUserDialog } from './CreateUserDialog.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { type AdminUser, useUpdateUser, useUsers } from './useAdmin.ts';

type Role = AdminUser['role'];

/** Every user: create one, change a role, reset a password (generated, shown once), disable or enable. */
export function UsersPage({ user }: { user: User }) {
  return (
    <AdminFrame user={user} current="users">
      <UsersList me={user} />
    </AdminFrame>
  );
}

function UsersList({ me }: { me: User }) {
  const users = useUsers();
  const update = useUpdateUser();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ title: string; value: string }>();

  const change = (target: AdminUser, changes: { role?: Role; disabled?: boolean; generatePassword?: boolean }, done: string) =>
    update.mutate(
      { id: target.id, ...changes },
      {
        onSuccess: (updated) => {
          if (updated.generatedPassword)
            setSecret({ title: `New password for ${target.username}`, value: updated.generatedPassword });
          else message.success(done);
        },
        onError: (error) => void message.error(describeApiError(error).message),
      },
    );

  return (
    <Flex vertical gap={16}>
      <ListPageHeader
        title="Users"
        action={
          <Button type="primary" data-testid="create-user-button" onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      {users.error && <ListLoadError error={users.error} onRetry={() => void users.refetch()} />}
      <div data-testid="users-table" style={{ overflowX: 'auto' }}>
        <Table<AdminUser>
          rowKey="id"
          loading={users.isPending && !users.error}
          dataSource={users.data}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          columns={[
            { title: 'Username', dataIndex: 'username' },
            {
              title: 'Role',
              dataIndex: 'role',
              render: (role: Role, row) => (
                <Select<Role>
                  size="small"
                  aria-label={`Role of ${row.username}`}
                  data-testid={`user-role-${row.username}`}
                  value={role}
                  style={{ width: 110 }}
                  options={['viewer', 'editor', 'admin'].map((value) => ({ value, label: value }))}
                  onChange={(next) => change(row, { role: next }, `${row.username} is now ${next}.`)}
                />
              ),
            },
            {
              title: 'State',
              dataIndex: 'disabled',
              render: (disabled: boolean) => (disabled ? <Tag color="red">disabled</Tag> : <Tag color="green">active</Tag>),
            },
            {
              title: 'Created',
              dataIndex: 'createdAt',
              responsive: ['md'],
              render: (createdAt: string) => new Date(createdAt).toLocaleDateString(),
            },
            {
              title: 'Actions',
              key: 'actions',
              render: (_, row) => (
                <Space size="small" wrap>
                  <Popconfirm
                    title={`Give ${row.username} a new password?`}
                    description="The old one stops working and their sessions end."
                    okText="Reset"
                    onConfirm={() => change(row, { generatePassword: true }, '')}
                  >
                    <Button size="small" data-testid={`user-reset-${row.username}`}>
                      Reset password
                    </Button>
                  </Popconfirm>
                  {row.id !== me.id && (
                    <Button
                      size="small"
                      danger={!row.disabled}
                      data-testid={`user-toggle-${row.username}`}
                      onClick={() =>
                        change(row, { disabled: !row.disabled }, `${row.username} ${row.disabled ? 'enabled' : 'disabled'}.`)
                      }
                    >
                      {row.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </div>
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(password) => {
            setCreating(false);
            if (password) setSecret({ title: 'Password of the new user', value: password });
            else message.success('User created.');
          }}
        />
      )}
      {secret && <OneTimeSecret title={secret.title} secret={secret.value} onClose={() => setSecret(undefined)} />}
    </Flex>
  );
}
