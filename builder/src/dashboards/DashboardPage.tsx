import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardId } from '../api/types.ts';
import { routeHash } from '../routing/route.ts';
import { formatRelativeTime } from './relative-time.ts';
import { useDashboard } from './useDashboards.ts';

const backToList = <a href={routeHash({ name: 'list' })}>← Dashboards</a>;

/** One dashboard, read-only for now: its facts and the stored document. The editor replaces this view. */
export function DashboardPage({ id }: { id: DashboardId }) {
  const dashboard = useDashboard(id);

  if (dashboard.isPending) return <Skeleton active />;
  if (dashboard.error) {
    const problem = describeApiError(dashboard.error);
    // A malformed id in the URL (VALIDATION) is as missing as a deleted dashboard.
    if (problem.code === 'NOT_FOUND' || problem.code === 'VALIDATION') {
      return <Result status="404" title="Dashboard not found" subTitle={problem.message} extra={backToList} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        title={problem.message}
        action={
          <Button size="small" onClick={() => void dashboard.refetch()}>
            Retry
          </Button>
        }
      />
    );
  }

  const { document, version, updatedAt, updatedBy } = dashboard.data;
  return (
    <Flex vertical gap={16} data-testid="dashboard-page">
      {backToList}
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-title">
        {document.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="Version">{version}</Descriptions.Item>
        <Descriptions.Item label="Panels">{document.panels.length}</Descriptions.Item>
        <Descriptions.Item label="Updated">
          {formatRelativeTime(updatedAt, Date.now())}
          {updatedBy && ` by ${updatedBy}`}
        </Descriptions.Item>
        <Descriptions.Item label="Tags">
          {document.tags.length > 0 ? document.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Card title="Document" size="small">
        <pre data-testid="dashboard-json" style={{ margin: 0, maxHeight: '60vh', overflow: 'auto', fontSize: 12 }}>
          {JSON.stringify(document, null, 2)}
        </pre>
      </Card>
    </Flex>
  );
}
