import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, type ButtonProps, Form, Input, Modal } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { trpc } from '../api/trpc.ts';
import { labKeys } from './lab-api.ts';
import { STRATEGY_NAME_MAX } from './strategy-names.ts';

/** Renames a strategy (no new version); a name another strategy has is refused by the server and said here. */
export function RenameStrategyDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rename = useMutation({
    mutationFn: (next: string) => trpc.strategies.rename.mutate({ id, name: next }),
    onSuccess: async (renamed) => {
      void message.success(`Renamed to “${renamed.name}”.`);
      await queryClient.invalidateQueries({ queryKey: labKeys.strategies });
      onClose();
    },
  });
  const problem = rename.error ? describeApiError(rename.error) : undefined;
  return (
    <Modal
      title={`Rename “${name}”`}
      open
      onCancel={onClose}
      destroyOnHidden
      okText="Rename"
      okButtonProps={{ 'data-testid': 'rename-strategy-submit', loading: rename.isPending } as ButtonProps}
      onOk={form.submit}
    >
      {problem && (
        <Alert data-testid="rename-strategy-error" type="error" showIcon style={{ marginBottom: 16 }} title={problem.message} />
      )}
      <Form form={form} layout="vertical" initialValues={{ name }} onFinish={(values) => rename.mutate(values.name.trim())}>
        <Form.Item
          label="Name"
          name="name"
          rules={[{ required: true, whitespace: true, message: 'A strategy needs a name.' }, { max: STRATEGY_NAME_MAX }]}
        >
          <Input data-testid="rename-strategy-name" autoFocus maxLength={STRATEGY_NAME_MAX} onChange={() => rename.reset()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
