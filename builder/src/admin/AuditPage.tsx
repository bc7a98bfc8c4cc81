import { Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { User } from '../api/types.ts';
import { ListLoadError, ListPageHeader } from '../shell/ListPageParts.tsx';
import { AdminFrame } from './AdminNav.tsx';
import { type AuditEntry, type AuditQuery, useAuditFacets, useAuditLog } from './useAdmin.ts';

const PAGE_SIZE = 50;

/** Every change made through the API: who, what, on which object and version, when, and how it ended. */
export function AuditPage({ user }: { user: User }) {
  return (
    <AdminFrame user={user} current="audit">
      <AuditLog />
    </AdminFrame>
  );
}

function AuditLog() {
  const [filter, setFilter] = useState<Omit<AuditQuery, 'page' | 'pageSize'>>({});
  const [page, setPage] = useState(1);
  const log = useAuditLog({ ...filter, page, pageSize: PAGE_SIZE });
  const facets = useAuditFacets();
  const set = (changes: Partial<typeof filter>) => {
    setFilter((current) => ({ ...current, ...changes }));
    setPage(1);
  };
  const areas = [...new Set((facets.data?.actions ?? []).map((action) => `${action.split('.')[0]}.`))];

  return (
    <Flex vertical gap={16}>
      <ListPageHeader title="Audit log" />
      <Flex gap={8} wrap data-testid="audit-filters">
        <Input.Search
          aria-label="User"
          placeholder="User"
          allowClear
          onSearch={(value) => set({ actor: value.trim() || undefined })}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
        <Select
          aria-label="Action"
          placeholder="Action"
          allowClear
          showSearch
          value={filter.action}
          onChange={(value?: string) => set({ action: value })}
          options={[
            ...areas.map((area) => ({ value: area, label: `${area}*` })),
            ...(facets.data?.actions ?? []).map((action) => ({ value: action, label: action })),
          ]}
          style={{ flex: '1 1 180px', maxWidth: 240 }}
        />
        <Select
          aria-label="Target type"
          placeholder="Target type"
          allowClear
          value={filter.targetType}
          onChange={(value?: string) => set({ targetType: value })}
          options={(facets.data?.targetTypes ?? []).map((type) => ({ value: type, label: type }))}
          style={{ flex: '1 1 140px', maxWidth: 180 }}
        />
        <Input.Search
          aria-label="Target id"
          placeholder="Target id"
          allowClear
          onSearch={(value) => set({ targetId: value.trim() || undefined })}
          style={{ flex: '1 1 200px', maxWidth: 320 }}
        />
        <Select
          aria-label="Outcome"
          placeholder="Outcome"
          allowClear
          value={filter.outcome}
          onChange={(value?: string) => set({ outcome: value })}
          options={['ok', 'VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].map((value) => ({ value, label: value }))}
          style={{ flex: '1 1 120px', maxWidth: 160 }}
        />
      </Flex>
      {log.error && <ListLoadError error={log.error} onRetry={() => void log.refetch()} />}
      <div data-testid="audit-table" style={{ overflowX: 'auto' }}>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={log.isFetching}
          dataSource={log.data?.entries}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: log.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => `${total} changes`,
          }}
          locale={{ emptyText: 'Nothing recorded matches.' }}
          columns={[
            {
              // A phone gets one column: each change as a small card instead of a table to scroll sideways.
              title: 'Change',
              key: 'compact',
              responsive: ['xs'],
              render: (_, entry) => (
                <Flex vertical gap={2} data-testid="audit-entry-compact" style={{ minWidth: 0 }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <code style={{ overflowWrap: 'anywhere' }}>{entry.action}</code>
                    <Outcome entry={entry} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(entry.at).toLocaleString()} · {entry.actorName ?? entry.actorId ?? '—'}
                  </Typography.Text>
                  {entry.targetType && <Target entry={entry} />}
                </Flex>
              ),
            },
            {
              title: 'When',
              dataIndex: 'at',
              width: 180,
              responsive: ['sm'],
              render: (at: string) => new Date(at).toLocaleString(),
            },
            {
              title: 'Who',
              dataIndex: 'actorName',
              responsive: ['sm'],
              render: (name: string | null, entry) => (
                <Tooltip title={entry.via ? `via ${entry.via}` : undefined}>{name ?? entry.actorId ?? '—'}</Tooltip>
              ),
            },
            {
              title: 'Action',
              dataIndex: 'action',
              responsive: ['sm'],
              render: (action: string) => <code>{action}</code>,
            },
            {
              title: 'Target',
              key: 'target',
              responsive: ['sm'],
              render: (_, entry) => (entry.targetType ? <Target entry={entry} /> : '—'),
            },
            { title: 'Version', dataIndex: 'version', width: 80, align: 'right', responsive: ['md'] },
            {
              title: 'Outcome',
              dataIndex: 'outcome',
              responsive: ['sm'],
              render: (_, entry) => <Outcome entry={entry} />,
            },
          ]}
        />
      </div>
    </Flex>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  return (
    <Typography.Text copyable={entry.targetId ? { text: entry.targetId, tooltips: ['Copy the id', 'Copied'] } : false}>
      {entry.targetType} {entry.targetId?.slice(0, 8)}
    </Typography.Text>
  );
}

function Outcome({ entry }: { entry: AuditEntry }) {
  return (
    <Tooltip title={entry.message}>
      <Tag color={entry.outcome === 'ok' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
        {entry.outcome}
      </Tag>
    </Tooltip>
  );
}
