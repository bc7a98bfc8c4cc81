import { Alert, App, Button, Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import { type ObjectRef, useGrant, useGrants, usePeople, useRevokeGrant } from './useSharing.ts';

type Permission = 'view' | 'edit' | 'admin';
type Grant = NonNullable<ReturnType<typeof useGrants>['data']>[number];

const PERMISSION_OPTIONS = [
  { value: 'view', label: 'can view' },
  { value: 'edit', label: 'can edit' },
  { value: 'admin', label: 'admin (share, delete)' },
];

/** A role grant reaches that role and every higher one. */
const ROLE_LABELS: Record<string, string> = {
  viewer: 'Everyone (viewers and up)',
  editor: 'Editors and admins',
  admin: 'Admins',
};

/**
 * Who may view, edit or administer the object, beyond its owner and the admins, who always may.
 * Viewers never write, whatever they are granted: their role is the ceiling.
 */
export function SharePeopleTab({ object }: { object: ObjectRef }) {
  const grants = useGrants(object);
  const people = usePeople();
  const grant = useGrant(object);
  const revoke = useRevokeGrant(object);
  const { message } = App.useApp();
  const [who, setWho] = useState<string>();
  const [permission, setPermission] = useState<Permission>('view');

  const options = [
    { label: 'Roles', options: (people.data?.roles ?? []).map((role) => ({ value: `role:${role}`, label: ROLE_LABELS[role] })) },
    {
      label: 'Users',
      options: (people.data?.users ?? []).map((user) => ({ value: `user:${user.id}`, label: `${user.username} (${user.role})` })),
    },
  ];

  const add = () => {
    if (!who) return;
    const [granteeType, grantee] = who.split(/:(.*)/s) as ['user' | 'role', string];
    grant.mutate(
      { ...object, granteeType, grantee, permission },
      { onSuccess: () => setWho(undefined), onError: (error) => void message.error(describeApiError(error).message) },
    );
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        Its owner and admins always have full access. Viewers only ever view, whatever they are granted.
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select
          data-testid="share-grantee"
          aria-label="User or role"
          placeholder="A user or a role"
          showSearch
          optionFilterProp="label"
          value={who}
          onChange={setWho}
          options={options}
          loading={people.isPending}
          style={{ flex: '1 1 200px', minWidth: 0 }}
        />
        <Select<Permission>
          data-testid="share-permission"
          aria-label="Permission"
          value={permission}
          onChange={setPermission}
          options={PERMISSION_OPTIONS}
          style={{ width: 180 }}
        />
        <Button type="primary" data-testid="share-add-grant" disabled={!who} loading={grant.isPending} onClick={add}>
          Share
        </Button>
      </Flex>
      {(grants.error || people.error) && (
        <Alert type="error" showIcon title={describeApiError(grants.error ?? people.error).message} />
      )}
      <div data-testid="share-grants-table" style={{ overflowX: 'auto' }}>
        <Table<Grant>
          size="small"
          rowKey={(row) => `${row.granteeType}:${row.grantee}`}
          loading={grants.isPending && !grants.error}
          dataSource={grants.data}
          pagination={false}
          locale={{ emptyText: 'Only its owner and the admins see it.' }}
          columns={[
            {
              title: 'Who',
              key: 'who',
              render: (_, row) =>
                row.granteeType === 'role' ? (ROLE_LABELS[row.grantee] ?? row.grantee) : (row.granteeName ?? 'deleted user'),
            },
            {
              title: 'May',
              dataIndex: 'permission',
              render: (value: Permission, row) => (
                <Select<Permission>
                  size="small"
                  aria-label="Permission"
                  value={value}
                  options={PERMISSION_OPTIONS}
                  style={{ width: 170 }}
                  onChange={(next) =>
                    grant.mutate(
                      { ...object, granteeType: row.granteeType, grantee: row.grantee, permission: next },
                      { onError: (error) => void message.error(describeApiError(error).message) },
                    )
                  }
                />
              ),
            },
            {
              title: '',
              key: 'remove',
              render: (_, row) => (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    revoke.mutate(
                      { ...object, granteeType: row.granteeType, grantee: row.grantee },
                      { onError: (error) => void message.error(describeApiError(error).message) },
                    )
                  }
                >
                  Remove
                </Button>
              ),
            },
          ]}
        />
      </div>
    </Flex>
  );
}
