import { Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { formatRelativeTime } from '../dashboards/relative-time.ts';

/** What the server said about the newer version (CONFLICT details). */
export interface SaveConflict {
  currentVersion: number;
  updatedBy: string | null;
  updatedAt: string | undefined;
  baseVersion: number;
}

interface Props {
  conflict: SaveConflict;
  busy: 'copy' | 'overwrite' | undefined;
  onKeepEditing: () => void;
  onOpenTheirs: () => void;
  onSaveCopy: () => void;
  onOverwrite: () => void;
}

/**
 * Someone saved while this user was editing. Says who and when, that nothing of theirs is lost, and
 * offers the ways forward; none of them drops the local document.
 */
export function SaveConflictDialog({ conflict, busy, onKeepEditing, onOpenTheirs, onSaveCopy, onOverwrite }: Props) {
  const who = conflict.updatedBy ?? 'Someone';
  const when = conflict.updatedAt ? ` ${formatRelativeTime(conflict.updatedAt, Date.now())}` : '';
  const at = conflict.updatedAt ? ` (${new Date(conflict.updatedAt).toLocaleString()})` : '';
  return (
    // No zoom-in: the news that a save failed should be on screen at once.
    <Modal
      open
      title="Someone else saved this dashboard"
      onCancel={onKeepEditing}
      footer={null}
      width={560}
      transitionName=""
      maskTransitionName=""
    >
      <div data-testid="save-conflict">
        <Typography.Paragraph>
          <strong>{who}</strong> saved version {conflict.currentVersion}
          {when}
          {at}, after you opened version {conflict.baseVersion}.
        </Typography.Paragraph>
        <Typography.Paragraph>
          <strong>Your changes are still here and have not been lost.</strong> Nothing was saved yet. Choose what to do:
        </Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button block type="primary" data-testid="conflict-keep-editing" onClick={onKeepEditing}>
            Keep editing
          </Button>
          <Button block data-testid="conflict-open-theirs" onClick={onOpenTheirs}>
            Open their version in a new tab
          </Button>
          <Button
            block
            data-testid="conflict-save-copy"
            loading={busy === 'copy'}
            disabled={busy !== undefined}
            onClick={onSaveCopy}
          >
            Save mine as a copy
          </Button>
          <Popconfirm
            title={`Replace version ${conflict.currentVersion} with yours?`}
            description={`${who}'s changes will no longer be on the dashboard; they stay in the version history.`}
            okText="Overwrite"
            okButtonProps={{ danger: true, 'data-testid': 'conflict-overwrite-confirm' } as never}
            onConfirm={onOverwrite}
          >
            <Button block danger data-testid="conflict-overwrite" loading={busy === 'overwrite'} disabled={busy !== undefined}>
              Overwrite with mine
            </Button>
          </Popconfirm>
        </Space>
      </div>
    </Modal>
  );
}
