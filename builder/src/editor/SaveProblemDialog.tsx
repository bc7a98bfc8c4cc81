import type { DashboardDocument, FieldIssue } from '@nautilus/sdk';
import { Modal, Typography } from 'antd';
import { describeFieldIssue } from './field-issues.ts';

/** The server refused the document: each problem in words, naming panels and variables by title. */
export function SaveProblemDialog({
  message,
  fields,
  document,
  onClose,
}: {
  message: string;
  fields: readonly FieldIssue[];
  document: DashboardDocument;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title="The dashboard was not saved"
      onCancel={onClose}
      onOk={onClose}
      okText="Back to editing"
      cancelButtonProps={{ hidden: true }}
    >
      <div data-testid="save-problem">
        <Typography.Paragraph>{fields.length > 0 ? 'Fix these, then save again:' : message}</Typography.Paragraph>
        {fields.length > 0 && (
          <ul>
            {fields.map((field) => (
              <li key={`${field.path}:${field.message}`}>{describeFieldIssue(field, document)}</li>
            ))}
          </ul>
        )}
        <Typography.Paragraph type="secondary">Your changes are kept.</Typography.Paragraph>
      </div>
    </Modal>
  );
}
