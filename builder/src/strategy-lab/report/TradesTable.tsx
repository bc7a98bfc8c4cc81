import type { Trade } from '@nautilus/sdk';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { money, percent } from '../lab-format.ts';
import { barTimeText, pagination } from './table-pagination.ts';

type TradeRow = Trade & { key: number; number: number };

const columns = (intraday: boolean): TableColumnsType<TradeRow> => [
  { title: '#', dataIndex: 'number', width: 56, align: 'right' },
  {
    title: 'Side',
    dataIndex: 'side',
    width: 76,
    filters: [
      { text: 'long', value: 'long' },
      { text: 'short', value: 'short' },
    ],
    onFilter: (value, row) => row.side === value,
    render: (side: string) => <Tag color={side === 'long' ? 'green' : 'red'}>{side}</Tag>,
  },
  { title: 'Qty', dataIndex: 'quantity', align: 'right', width: 80 },
  {
    title: 'Entry (UTC)',
    dataIndex: 'entryTime',
    width: intraday ? 140 : 104,
    render: (ms: number) => barTimeText(ms, intraday),
  },
  { title: 'Entry price', dataIndex: 'entryPrice', align: 'right', render: money },
  { title: 'Exit (UTC)', dataIndex: 'exitTime', width: intraday ? 140 : 104, render: (ms: number) => barTimeText(ms, intraday) },
  { title: 'Exit price', dataIndex: 'exitPrice', align: 'right', render: money },
  { title: 'Bars', align: 'right', width: 64, render: (_, row) => row.exitBarIndex - row.entryBarIndex },
  {
    title: 'P&L',
    dataIndex: 'pnl',
    align: 'right',
    sorter: (a, b) => a.pnl - b.pnl,
    render: (pnl: number) => <Typography.Text type={pnl < 0 ? 'danger' : 'success'}>{money(pnl)}</Typography.Text>,
  },
  {
    title: 'Return',
    dataIndex: 'return',
    align: 'right',
    sorter: (a, b) => a.return - b.return,
    render: (value: number) => percent(value),
  },
  { title: 'Commission', dataIndex: 'commission', align: 'right', render: money },
];

/** The run's closed trades, numbered as on the chart's tooltip, paged. */
export function TradesTable({ trades, intraday }: { trades: readonly Trade[]; intraday: boolean }) {
  const rows = trades.map((trade, index) => ({ ...trade, key: index, number: index + 1 }));
  return (
    <Table<TradeRow>
      data-testid="backtest-trades"
      size="small"
      columns={columns(intraday)}
      dataSource={rows}
      pagination={pagination('trades')}
      scroll={{ x: 'max-content' }}
    />
  );
}
