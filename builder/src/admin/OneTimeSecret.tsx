import { Alert, App, Button, Input, Modal, Space } from 'antd';

/** Shows a password or API key once, with a Copy button: the server never shows it again. */
export function OneTimeSecret({ title, secret, onClose }: { title: string; secret: string; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      message.success('Copied.');
    } catch {
      message.info('Select it and copy it: this browser did not allow copying.');
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} footer={<Button onClick={onClose}>Done</Button>}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="Copy it now: it will not be shown again." />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={secret} data-testid="one-time-secret" onFocus={(event) => event.target.select()} />
        <Button onClick={() => void copy()}>Copy</Button>
      </Space.Compact>
    </Modal>
  );
}
