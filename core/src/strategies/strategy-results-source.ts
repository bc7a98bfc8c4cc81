import {
  type DataSource,
  type DataSourceDescriptor,
  type JsonSchema,
  NautilusError,
  type TableFrame,
  type TimeSeriesFrame,
  type Trade,
} from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { getRun } from '../backtests/backtest-store.ts';
import type { Tables } from '../db/tables.ts';
import { getDeployment } from '../deployments/deployment-store.ts';
export const STRATEGY_RESULTS_REF = 'nautilus.core/strategy-results';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Params of `nautilus.core/strategy-results`: which run (or deployment) and which view of it. */
export const strategyResultsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    kind: { type: 'string', enum: ['backtest', 'deployment'], default: 'backtest', title: 'Kind' },
    id: { type: 'string', pattern: UUID, 'x-widget': 'strategy-run', title: 'Run or deployment' },
    // Equity (money) and drawdown (%) are separate views: on one value scale the drawdown is a flat line.
    view: { type: 'string', enum: ['equity', 'drawdown', 'trades'], default: 'equity', title: 'View' },
  },
};

interface Params {
  kind?: 'backtest' | 'deployment';
  id: string;
  view?: 'equity' | 'drawdown' | 'trades';
}

const TRADE_COLUMNS: TableFrame['columns'] = [
  { name: 'Entry time', type: 'time' },
  { name: 'Exit time', type: 'time' },
  { name: 'Side', type: 'string' },
  { name: 'Quantity', type: 'number' },
  { name: 'Entry price', type: 'number' },
  { name: 'Exit price', type: 'number' },
  { name: 'PnL', type: 'number' },
  { name: 'Return', type: 'number', unit: '%' },
];

/** Equity and drawdown (in %, from the running peak) of the points inside `range`. */
export function equityFrame(
  curve: { time: number[]; equity: number[]; drawdown?: number[] },
  range: { from: number; to: number },
): TimeSeriesFrame {
  const time: number[] = [];
  const equity: number[] = [];
  const drawdown: number[] = [];
  let peak = Number.NEGATIVE_INFINITY;
  curve.time.forEach((at, index) => {
    const value = curve.equity[index] as number;
    peak = Math.max(peak, value);
    if (at < range.from || at > range.to) return;
    time.push(at);
    equity.push(value);
    const stored = curve.drawdown?.[index];
    drawdown.push((stored ?? (peak > 0 ? value / peak - 1 : 0)) * 100);
  });
  return {
    kind: 'timeseries',
    series: [
      { name: 'equity', time, values: equity },
      { name: 'drawdown', unit: '%', time: [...time], values: drawdown },
    ],
  };
}

/** The trades that closed (or opened) inside `range`, one row each. */
export function tradesFrame(trades: readonly Trade[], range: { from: number; to: number }): TableFrame {
  const inside = trades.filter((trade) => trade.exitTime >= range.from && trade.entryTime <= range.to);
  return {
    kind: 'table',
    columns: TRADE_COLUMNS,
    rows: inside.map((trade) => [
      trade.entryTime,
      trade.exitTime,
      trade.side,
      trade.quantity,
      trade.entryPrice,
      trade.exitPrice,
      trade.pnl,
      trade.return * 100,
    ]),
  };
}

const pickHint = (kind: string) =>
  kind === 'deployment'
    ? 'pick a deployment from deployments.list (or the panel editor)'
    : 'pick a finished run from backtests.list (or the panel editor)';

async function load(db: Kysely<Tables>, kind: 'backtest' | 'deployment', id: string) {
  try {
    if (kind === 'deployment') {
      const deployment = await getDeployment(db, id);
      return { curve: deployment.activity?.equity ?? { time: [], equity: [] }, trades: deployment.activity?.trades ?? [] };
    }
    const run = await getRun(db, id);
    if (!run.result) {
      throw new NautilusError('NOT_FOUND', `Backtest run ${id} has no result (it is ${run.status}); ${pickHint(kind)}.`);
    }
    return { curve: run.result.curve, trades: run.result.trades };
  } catch (error) {
    if (error instanceof NautilusError && error.code === 'NOT_FOUND' && !error.message.includes('pick ')) {
      throw new NautilusError(
        'NOT_FOUND',
        `${kind === 'deployment' ? 'Deployment' : 'Backtest run'} ${id} does not exist; ${pickHint(kind)}.`,
      );
    }
    throw error;
  }
}

/** `nautilus.core/strategy-results`: declared in core's built-in plugin (see core-plugin.ts). */
export const strategyResultsDescriptor: DataSourceDescriptor = {
  id: 'strategy-results',
  name: 'Strategy results',
  description: 'The equity curve, the drawdown (%) or the trades of a backtest run or a deployment, inside the time range.',
  frames: ['timeseries', 'table'],
  querySchema: strategyResultsQuerySchema,
  streaming: false,
};

/** A strategy's equity curve or trades, from a stored backtest run or a paper deployment. */
export function strategyResultsSource(db: Kysely<Tables>): DataSource {
  return {
    async query(request) {
      const params = request.params as unknown as Params;
      const kind = params.kind ?? 'backtest';
      const { curve, trades } = await load(db, kind, params.id);
      const view = params.view ?? 'equity';
      if (view === 'trades') return [tradesFrame(trades, request.range)];
      const frame = equityFrame(curve, request.range);
      return [{ ...frame, series: frame.series.filter((series) => series.name === view) }];
    },
  };
}
