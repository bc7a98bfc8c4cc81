import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { useCreateUser } from './useAdmin.ts';

interface Fields {
  username: string;
  role: 'viewer' | 'editor' | 'admin';
  passwordMode: 'generate' | 'set';
  password?: string;
}

export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer: sees what is shared with them' },
  { value: 'editor', label: 'Editor: also creates and changes' },
  { value: 'admin', label: 'Admin: also manages users, keys and data sources' },
];

/**
 * A new user with a password the admin types (12 characters or more, as the server requires), or one
 * the server generates and shows once. There is no default password.
 */
export function CreateUserDialog({ onCreated, onClose }: { onCreated: (password?: string) => void; onClose: () => void }) {
  const [form] = Form.useForm<Fields>();
  const create = useCreateUser();
  const mode = Form.useWatch('passwordMode', form);
  const submit = (fields: Fields) =>
    create.mutate(
      {
        username: fields.username.trim(),
        role: fields.role,
        ...(fields.passwordMode === 'set' ? { password: fields.password ?? '' } : {}),
      },
      { onSuccess: (user) => onCreated(user.generatedPassword) },
    );
  const serverFields = create.error ? describeApiError(create.error).fields : [];
  const fieldError = (name: string) => serverFields.find((field) => field.path === name)?.message;

  return (
    <Modal
      open
      title="New user"
      okText="Create"
      onOk={form.submit}
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.error && !serverFields.length && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={describeApiError(create.error).message} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'viewer', passwordMode: 'generate' }}>
        <Form.Item
          label="Username"
          name="username"
          extra="3-40 lower-case letters, digits, dot, dash or underscore."
          rules={[{ required: true, whitespace: true, message: 'Give the user a name.' }]}
          validateStatus={fieldError('username') ? 'error' : undefined}
          help={fieldError('username')}
        >
          <Input data-testid="create-user-username" autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item label="Role" name="role">
          <Select data-testid="create-user-role" options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="Password" name="passwordMode">
          <Radio.Group
            data-testid="create-user-password-mode"
            options={[
              { value: 'generate', label: 'Generate one and show it once' },
              { value: 'set', label: 'Set it myself' },
            ]}
          />
        </Form.Item>
        {mode === 'set' && (
          <Form.Item
            name="password"
            rules={[{ required: true, min: 12, message: 'At least 12 characters.' }]}
            validateStatus={fieldError('password') ? 'error' : undefined}
            help={fieldError('password')}
          >
            <Input.Password data-testid="create-user-password" autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
