import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { TITLE_MAX_LENGTH } from './document-title.ts';
import { useCreateDashboard } from './useDashboards.ts';

/** Asks for a title and creates an empty dashboard; the list refreshes on success. */
export function CreateDashboardDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string }>();
  const create = useCreateDashboard();
  const { message } = App.useApp();

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = ({ title }: { title: string }) => {
    create.mutate(
      { title: title.trim() },
      {
        onSuccess: () => {
          message.success(`Dashboard “${title.trim()}” created.`);
          form.resetFields();
          close();
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
      <Form form={form} layout="vertical" onFinish={submit} disabled={create.isPending}>
        <Form.Item
          label="Title"
          name="title"
          rules={[{ required: true, whitespace: true, message: 'Give the dashboard a title.' }, { max: TITLE_MAX_LENGTH }]}
        >
          <Input data-testid="create-dashboard-title" autoFocus maxLength={TITLE_MAX_LENGTH} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
