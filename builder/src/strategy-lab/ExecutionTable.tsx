import { Table, Tooltip, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import type { trpc } from '../api/trpc.ts';

/** What analytics.backtestExecution returns; analytics.deploymentExecution returns the same and more. */
export type ExecutionData = Awaited<ReturnType<typeof trpc.analytics.backtestExecution.query>>;
type Figures = Omit<ExecutionData, 'byType' | 'conventions' | 'notes'>;

const bps = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} bps`);
const ratio = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const money = (value: number) => value.toFixed(2);

/** A column title whose meaning shows on hover (dotted underline, like the tear sheet's labels). */
function Explained({ title, meaning }: { title: string; meaning: string }) {
  return (
    <Tooltip title={meaning}>
      <span style={{ textDecoration: 'underline dotted', cursor: 'help' }}>{title}</span>
    </Tooltip>
  );
}

const COST = 'Positive = the fill cost the account (bought above / sold below the price); negative = it gained.';
const HELP: Record<string, string> = {
  fillRatio: 'Filled quantity ÷ ordered quantity. Rejected and denied orders count as unfilled.',
  decision: `Implementation shortfall against the decision price: the close of the bar the strategy submitted on (it decides after the close). Quantity-weighted, in bps. ${COST}`,
  arrival: `Shortfall against the arrival price: the open of the next bar, the first price the order could reach. Quantity-weighted, in bps. ${COST}`,
  slippage: `Price paid beyond the open of the bar that filled, quantity-weighted, in bps (for a market order the same as vs arrival). ${COST}`,
  shortfall:
    "Perold's implementation shortfall in money: side × (fill − decision) × filled quantity, plus commissions, plus side × (last close − decision) × unfilled quantity (the opportunity cost).",
  commissions: 'Commissions paid on the fills.',
};

/**
 * The execution-quality table shared by a paper deployment's detail and a backtest's report: one
 * "All" row and one per order type, each column's meaning on hover, the server's notes and
 * conventions under it. It scrolls sideways inside its container, so a 390 px screen does not widen.
 */
export function ExecutionTable({
  data,
  loading,
  testId,
  empty,
}: {
  data: ExecutionData | undefined;
  loading: boolean;
  testId: string;
  /** Shown instead of the table when there were no orders. */
  empty?: ReactNode;
}) {
  if (data && data.orders === 0 && empty) return <div data-testid={testId}>{empty}</div>;
  const rows: Array<Figures & { key: string }> = data
    ? [{ ...data, key: 'all' }, ...Object.entries(data.byType).map(([type, figures]) => ({ ...figures, key: type }))]
    : [];
  return (
    <div data-testid={testId} style={{ minWidth: 0, maxWidth: '100%' }}>
      <Table
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        onRow={(row) => ({ 'data-row': row.key }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: 'Orders', dataIndex: 'key', render: (key: string) => (key === 'all' ? 'All' : key) },
          { title: 'Count', dataIndex: 'orders' },
          { title: <Explained title="Fill ratio" meaning={HELP.fillRatio!} />, dataIndex: 'fillRatio', render: ratio },
          { title: <Explained title="vs decision" meaning={HELP.decision!} />, dataIndex: 'shortfallVsDecisionBps', render: bps },
          { title: <Explained title="vs arrival" meaning={HELP.arrival!} />, dataIndex: 'shortfallVsArrivalBps', render: bps },
          { title: <Explained title="Slippage" meaning={HELP.slippage!} />, dataIndex: 'slippageBps', render: bps },
          {
            title: <Explained title="Shortfall" meaning={HELP.shortfall!} />,
            dataIndex: 'implementationShortfall',
            render: money,
          },
          { title: <Explained title="Commissions" meaning={HELP.commissions!} />, dataIndex: 'commissions', render: money },
        ]}
      />
      {data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {[...data.notes, data.conventions].join('. ')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
