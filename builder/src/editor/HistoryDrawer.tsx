import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, List, Tag, Tooltip, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import { queryKeys } from '../api/query-keys.ts';
import { trpc } from '../api/trpc.ts';
import { formatRelativeTime } from '../dashboards/relative-time.ts';

interface Props {
  id: string;
  open: boolean;
  /** The version being edited; restoring goes on top of it. */
  baseVersion: number;
  restoring: number | undefined;
  onRestore: (version: number) => void;
  onClose: () => void;
}

/** Every saved version, newest first, with who saved it, when and why; any older one can be restored. */
export function HistoryDrawer({ id, open, baseVersion, restoring, onRestore, onClose }: Props) {
  const history = useQuery({
    queryKey: queryKeys.dashboardHistory(id),
    queryFn: ({ signal }) => trpc.dashboards.history.query({ id }, { signal }),
    enabled: open,
    staleTime: 0,
  });
  const latest = history.data?.[0]?.version;
  const now = Date.now();
  return (
    <Drawer title="Version history" open={open} onClose={onClose} size={380}>
      <div data-testid="history-drawer">
        {history.error && <Alert type="error" showIcon title={describeApiError(history.error).message} />}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          Restoring makes an old version the newest one; nothing is ever deleted from this list.
        </Typography.Paragraph>
        <List
          loading={history.isPending && open}
          dataSource={history.data ?? []}
          rowKey="version"
          renderItem={(item) => (
            <List.Item
              actions={
                item.version === latest
                  ? [<Tag key="current">Current</Tag>]
                  : [
                      <Button
                        key="restore"
                        size="small"
                        data-testid={`restore-version-${item.version}`}
                        loading={restoring === item.version}
                        disabled={restoring !== undefined}
                        onClick={() => onRestore(item.version)}
                      >
                        Restore
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    Version {item.version}
                    {item.version === baseVersion && item.version !== latest && (
                      <Tag color="orange" style={{ marginLeft: 6 }}>
                        you are editing this
                      </Tag>
                    )}
                  </span>
                }
                description={
                  <>
                    <Tooltip title={new Date(item.createdAt).toLocaleString()}>
                      <span>
                        {formatRelativeTime(item.createdAt, now)} by {item.createdBy ?? 'a deleted user'}
                      </span>
                    </Tooltip>
                    {item.message && <div>{item.message}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </div>
    </Drawer>
  );
}
