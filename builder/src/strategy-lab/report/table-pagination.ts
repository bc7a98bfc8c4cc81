import type { TablePaginationConfig } from 'antd';

/** Pages for the report's long tables: a size changer and the count, so no row is out of reach. */
export function pagination(what: string, pageSize = 25): TablePaginationConfig {
  return {
    defaultPageSize: pageSize,
    showSizeChanger: true,
    pageSizeOptions: [10, 25, 50, 100, 500],
    hideOnSinglePage: false,
    showTotal: (total, [first, last]) => `${first}–${last} of ${total} ${what}`,
    size: 'small',
  };
}

/** UTC bar time to the minute (backtests run on bar times), or the date alone for daily bars. */
export const barTimeText = (ms: number, intraday = true): string =>
  new Date(ms)
    .toISOString()
    .slice(0, intraday ? 16 : 10)
    .replace('T', ' ');
