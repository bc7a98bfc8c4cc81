import { Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { limitName } from '../risk/limit-kinds.ts';
import type { RiskEventRow } from './risk-events.ts';

const TYPE_COLORS: Record<RiskEventRow['type'], string> = { denial: 'error', breach: 'volcano', warning: 'warning' };

// Backtests run on bar times: UTC minutes, as the trades table shows dates.
const timeText = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const columns: TableColumnsType<RiskEventRow> = [
  { title: 'Time (UTC)', dataIndex: 'time', width: 150, render: timeText },
  {
    title: 'Type',
    dataIndex: 'type',
    width: 100,
    filters: [
      { text: 'denial', value: 'denial' },
      { text: 'warning', value: 'warning' },
      { text: 'breach', value: 'breach' },
    ],
    onFilter: (value, row) => row.type === value,
    render: (type: RiskEventRow['type'], row) => (
      <Tooltip title={row.mode && row.mode !== 'normal' ? `trading mode afterwards: ${row.mode}` : undefined}>
        <Tag color={TYPE_COLORS[type]}>{type}</Tag>
      </Tooltip>
    ),
  },
  { title: 'Limit', dataIndex: 'limit', width: 160, render: (limit: string) => limitName(limit) },
  { title: 'Reason', dataIndex: 'message' },
  { title: 'Symbol', dataIndex: 'symbol', width: 120, render: (symbol: string | null) => symbol ?? '—' },
  { title: 'Order', dataIndex: 'orderId', width: 80, align: 'right', render: (id: number | null) => id ?? '—' },
];

/** Warnings, denials and breaches of a run's pre-trade limits, with the reason in words. */
export function RiskEventsTable({ rows, testId, emptyText }: { rows: RiskEventRow[]; testId: string; emptyText: string }) {
  return (
    <Table<RiskEventRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText }}
      onRow={(row) => ({ 'data-type': row.type }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
