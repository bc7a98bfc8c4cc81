import type { LogLevel, LogLine } from '@nautilus/sdk';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { barTimeText, pagination } from './table-pagination.ts';

type LogRow = { key: number; time: number; barIndex: number; level: LogLevel; message: string };

const LEVEL_COLORS: Record<LogLevel, string> = { debug: 'default', info: 'blue', warn: 'gold', error: 'red' };
const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

const columns = (intraday: boolean): TableColumnsType<LogRow> => [
  { title: 'Bar time (UTC)', dataIndex: 'time', width: intraday ? 140 : 116, render: (ms: number) => barTimeText(ms, intraday) },
  // -1 is onStart, before the first bar.
  { title: 'Bar', dataIndex: 'barIndex', width: 70, align: 'right', render: (index: number) => (index < 0 ? 'start' : index) },
  {
    title: 'Level',
    dataIndex: 'level',
    width: 84,
    filters: LEVELS.map((level) => ({ text: level, value: level })),
    onFilter: (value, row) => row.level === value,
    render: (level: LogLevel) => <Tag color={LEVEL_COLORS[level]}>{level}</Tag>,
  },
  {
    title: 'Message',
    dataIndex: 'message',
    render: (message: string) => (
      <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {message}
      </Typography.Text>
    ),
  },
];

/** The run's `ctx.log` and `console.*` lines with their bar and level, paged. */
export function LogTable({ logs, intraday }: { logs: readonly LogLine[]; intraday: boolean }) {
  const rows = logs.map((line, key) => ({
    key,
    time: line.time,
    barIndex: line.barIndex,
    level: line.level ?? 'info',
    message: line.message,
  }));
  return (
    <Table<LogRow>
      data-testid="backtest-log"
      size="small"
      columns={columns(intraday)}
      dataSource={rows}
      pagination={pagination('lines', 50)}
      locale={{ emptyText: 'The strategy wrote no log lines. ctx.log(…) and console.log(…) write here, stamped with the bar.' }}
      onRow={(row) => ({ 'data-level': row.level }) as React.HTMLAttributes<HTMLElement>}
      scroll={{ x: 640 }}
    />
  );
}
