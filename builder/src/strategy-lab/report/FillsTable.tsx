import type { Fill } from '@nautilus/sdk';
import { Table, type TableColumnsType, Tag } from 'antd';
import { money } from '../lab-format.ts';
import { barTimeText, pagination } from './table-pagination.ts';

type FillRow = Fill & { key: number };

const columns = (intraday: boolean): TableColumnsType<FillRow> => [
  { title: 'Time (UTC)', dataIndex: 'time', width: intraday ? 140 : 104, render: (ms: number) => barTimeText(ms, intraday) },
  { title: 'Bar', dataIndex: 'barIndex', width: 70, align: 'right' },
  { title: 'Order', dataIndex: 'orderId', width: 70, align: 'right' },
  {
    title: 'Side',
    dataIndex: 'side',
    width: 70,
    render: (side: string) => <Tag color={side === 'buy' ? 'green' : 'red'}>{side}</Tag>,
  },
  { title: 'Qty', dataIndex: 'quantity', width: 80, align: 'right' },
  { title: 'Price', dataIndex: 'price', align: 'right', render: money },
  { title: 'Commission', dataIndex: 'commission', align: 'right', render: money },
  { title: 'Tag', dataIndex: 'tag', render: (tag: string | null) => tag ?? '' },
];

/** Every execution of the run: when, which order, side, size, price and commission. */
export function FillsTable({ fills, intraday }: { fills: readonly Fill[]; intraday: boolean }) {
  const rows = fills.map((fill, key) => ({ ...fill, key }));
  return (
    <Table<FillRow>
      data-testid="backtest-fills"
      size="small"
      columns={columns(intraday)}
      dataSource={rows}
      pagination={pagination('fills')}
      scroll={{ x: 'max-content' }}
    />
  );
}
