import { Alert, Button, Flex, Popconfirm, Typography } from 'antd';
import type { ReactNode } from 'react';
import { describeApiError } from '../api/api-error.ts';

/** The title row of a list page (Dashboards, Strategies, Portfolios) with its create button, if any. */
export function ListPageHeader({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Title level={3} style={{ margin: 0, marginInlineEnd: 'auto' }}>
        {title}
      </Typography.Title>
      {action}
    </Flex>
  );
}

/** A small danger Delete button that asks first, naming what goes and what goes with it. */
export function ConfirmDeleteButton({
  name,
  consequence,
  onConfirm,
  disabled,
  testId,
}: {
  name: string;
  /** What else happens, e.g. "This cannot be undone." */
  consequence: string;
  onConfirm: () => unknown;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Popconfirm
      title={`Delete “${name}”?`}
      description={consequence}
      okText="Delete"
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
    >
      <Button size="small" danger disabled={disabled} data-testid={testId}>
        Delete
      </Button>
    </Popconfirm>
  );
}

/** Why a list could not be loaded, with a Retry button. */
export function ListLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={describeApiError(error).message}
      action={
        <Button size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    />
  );
}
