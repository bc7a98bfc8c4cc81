import { Alert, App, Button, Form, Input, Modal, Spin } from 'antd';
import { useEffect } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardSummary } from '../api/types.ts';
import { TITLE_MAX_LENGTH, withTitle } from './document-title.ts';
import { useDashboard, useSaveDashboard } from './useDashboards.ts';

/**
 * Loads the dashboard, edits its title and saves it over the version it loaded. If someone saved in
 * between, the server answers CONFLICT: the dialog says so and offers to reload, keeping the typed title.
 */
export function RenameDashboardDialog({ dashboard, onClose }: { dashboard: DashboardSummary; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string }>();
  const loaded = useDashboard(dashboard.id);
  const save = useSaveDashboard();
  const { message } = App.useApp();
  const record = loaded.data;

  // Fill the field once the document arrives, but never overwrite what the user already typed.
  useEffect(() => {
    if (record && !form.isFieldTouched('title')) form.setFieldsValue({ title: record.document.title });
  }, [record, form]);

  const submit = ({ title }: { title: string }) => {
    if (!record) return;
    save.mutate(
      { id: record.id, baseVersion: record.version, document: withTitle(record.document, title) },
      {
        onSuccess: () => {
          message.success(`Renamed to “${title.trim()}”.`);
          onClose();
        },
      },
    );
  };

  const reload = () => {
    save.reset();
    void loaded.refetch();
  };

  const saveProblem = save.error ? describeApiError(save.error) : undefined;
  const loadProblem = loaded.error ? describeApiError(loaded.error) : undefined;

  return (
    <Modal
      title={`Rename “${dashboard.title}”`}
      open
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          Cancel
        </Button>,
        <Button
          key="save"
          data-testid="rename-dashboard-submit"
          type="primary"
          loading={save.isPending}
          // Saving during a reload would send the stale baseVersion again.
          disabled={!record || loaded.isFetching || saveProblem?.code === 'CONFLICT'}
          onClick={form.submit}
        >
          Save
        </Button>,
      ]}
    >
      {loadProblem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={loadProblem.message} />}
      {saveProblem && (
        <Alert
          data-testid="rename-dashboard-error"
          type={saveProblem.code === 'CONFLICT' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={saveProblem.message}
          description={saveProblem.code === 'CONFLICT' ? 'Reload keeps the title you typed; then save again.' : undefined}
          action={
            saveProblem.code === 'CONFLICT' ? (
              <Button size="small" onClick={reload} loading={loaded.isFetching}>
                Reload
              </Button>
            ) : undefined
          }
        />
      )}
      <Spin spinning={loaded.isPending}>
        <Form form={form} layout="vertical" onFinish={submit} disabled={!record || save.isPending}>
          <Form.Item
            label="Title"
            name="title"
            rules={[{ required: true, whitespace: true, message: 'A dashboard needs a title.' }, { max: TITLE_MAX_LENGTH }]}
          >
            <Input data-testid="rename-dashboard-title" autoFocus maxLength={TITLE_MAX_LENGTH} />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}
