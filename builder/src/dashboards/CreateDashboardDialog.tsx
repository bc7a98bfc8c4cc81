import { Alert, App, AutoComplete, Button, Form, Input, Modal, Radio } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { navigate } from '../routing/navigation.ts';
import { TITLE_MAX_LENGTH } from './document-title.ts';
import { useCreateDashboard } from './useDashboards.ts';

interface Fields {
  title: string;
  folder?: string;
  access: 'team' | 'private';
}

/** Asks for a title, a folder and who sees it, creates an empty dashboard and opens it in edit mode, ready for its first panel. */
export function CreateDashboardDialog({
  open,
  onClose,
  folders = [],
}: {
  open: boolean;
  onClose: () => void;
  folders?: readonly string[];
}) {
  const [form] = Form.useForm<Fields>();
  const create = useCreateDashboard();
  const { message } = App.useApp();

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = ({ title, folder, access }: Fields) => {
    create.mutate(
      { title: title.trim(), folder: folder?.trim() || null, access },
      {
        onSuccess: (created) => {
          message.success(`Dashboard “${title.trim()}” created.`);
          form.resetFields();
          close();
          navigate({ name: 'dashboard', id: created.id, edit: true });
        },
      },
    );
  };

  return (
    <Modal
      title="New dashboard"
      open={open}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          Cancel
        </Button>,
        <Button
          key="create"
          data-testid="create-dashboard-submit"
          type="primary"
          loading={create.isPending}
          onClick={form.submit}
        >
          Create
        </Button>,
      ]}
    >
      {create.error && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={describeApiError(create.error).message} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} disabled={create.isPending} initialValues={{ access: 'team' }}>
        <Form.Item
          label="Title"
          name="title"
          rules={[{ required: true, whitespace: true, message: 'Give the dashboard a title.' }, { max: TITLE_MAX_LENGTH }]}
        >
          <Input data-testid="create-dashboard-title" autoFocus maxLength={TITLE_MAX_LENGTH} />
        </Form.Item>
        <Form.Item label="Folder" name="folder" extra="Optional; pick one or type a new name." rules={[{ max: 100 }]}>
          <AutoComplete data-testid="create-dashboard-folder" options={folders.map((folder) => ({ value: folder }))} />
        </Form.Item>
        <Form.Item label="Who sees it" name="access">
          <Radio.Group
            data-testid="create-dashboard-access"
            options={[
              { value: 'team', label: 'Everyone (viewers view, editors edit)' },
              { value: 'private', label: 'Only me, until I share it' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
