import { Alert, App, AutoComplete, Form, Modal } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardSummary } from '../api/types.ts';
import { useMoveDashboard } from './useDashboards.ts';

/** Files a dashboard in a folder, an existing one or a new name; empty moves it to the top level. */
export function MoveDashboardDialog({
  dashboard,
  folders,
  onClose,
}: {
  dashboard: DashboardSummary;
  folders: readonly string[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ folder: string }>();
  const move = useMoveDashboard();
  const { message } = App.useApp();
  const submit = ({ folder }: { folder?: string }) => {
    const name = folder?.trim() || null;
    move.mutate(
      { id: dashboard.id, folder: name },
      {
        onSuccess: () => {
          message.success(name ? `Moved to “${name}”.` : 'Moved to the top level.');
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={`Move “${dashboard.title}”`}
      okText="Move"
      onOk={form.submit}
      okButtonProps={{ loading: move.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {move.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={describeApiError(move.error).message} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ folder: dashboard.folder ?? '' }}>
        <Form.Item label="Folder" name="folder" extra="Leave empty for the top level." rules={[{ max: 100 }]}>
          <AutoComplete
            data-testid="move-dashboard-folder"
            options={folders.map((folder) => ({ value: folder }))}
            filterOption={(input, option) =>
              String(option?.value ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
