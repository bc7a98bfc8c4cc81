import type { OrderStatus } from '@nautilus/sdk';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { money } from './lab-format.ts';
import { type OrderRow, STATUS_COLORS } from './order-rows.ts';
import { pagination } from './report/table-pagination.ts';

// Backtests run on bar times: UTC minutes, as the risk events table shows them.
const timeText = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));
const STATUSES: OrderStatus[] = ['filled', 'rejected', 'denied', 'cancelled', 'expired', 'open'];

const columns: TableColumnsType<OrderRow> = [
  { title: '#', dataIndex: 'id', width: 60, align: 'right' },
  { title: 'Submitted (UTC)', dataIndex: 'submittedTime', width: 150, render: timeText },
  { title: 'Side', dataIndex: 'side', width: 70 },
  { title: 'Type', dataIndex: 'type', width: 90 },
  { title: 'Qty', dataIndex: 'quantity', width: 80, align: 'right' },
  {
    title: 'Status',
    dataIndex: 'status',
    width: 100,
    filters: STATUSES.map((status) => ({ text: status, value: status })),
    onFilter: (value, row) => row.status === value,
    render: (status: OrderStatus) => <Tag color={STATUS_COLORS[status]}>{status}</Tag>,
  },
  { title: 'Fill price', dataIndex: 'averageFillPrice', width: 110, align: 'right', render: money },
  {
    title: 'Reason',
    dataIndex: 'reason',
    width: 360,
    render: (reason: string | null) => (reason === null ? '' : <Typography.Text type="secondary">{reason}</Typography.Text>),
  },
];

/** A backtest's orders with their status and, for rejected, denied, expired or cancelled ones, why. */
export function OrdersTable({ rows }: { rows: OrderRow[] }) {
  return (
    <Table<OrderRow>
      data-testid="backtest-orders"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={pagination('orders')}
      // A phone scrolls the table sideways instead of squeezing the reasons into a column one word wide.
      scroll={{ x: 1020 }}
      onRow={(row) => ({ 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
