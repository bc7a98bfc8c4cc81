// The table frames risk widgets draw, by column name (case-sensitive): core's `nautilus.core/risk`
// data source builds its frames from these lists and the widgets-risk plugin reads them, so the two
// cannot drift apart.
import type { TableColumn } from '../frames.ts';

/**
 * Risk heatmap: the first column is a string label, named `symbol`; every other column is a number.
 * A correlation matrix names its other columns after the rows' symbols; a risk contribution table
 * names them after measures, e.g. {@link RISK_CONTRIBUTION_COLUMNS}.
 */
export const HEATMAP_LABEL_COLUMN = 'symbol';

/** Suggested measure columns of a risk contribution heatmap: component VaR (money) and its share of the total (fraction). */
export const RISK_CONTRIBUTION_COLUMNS = { componentVar: 'component VaR', share: 'share' } as const;

/** The VaR methods a VaR / ES tile knows by name, in the order a data source should list them. */
export const VAR_METHODS = ['parametric', 'historical', 'montecarlo'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

/** VaR / ES tile, one row per method. Money in the portfolio's currency; `VaR %` and `ES %` are fractions (0.021 = 2.1 %). */
export const VAR_COLUMNS = {
  method: 'method',
  confidence: 'confidence',
  horizonDays: 'horizonDays',
  var: 'VaR',
  es: 'ES',
  varPct: 'VaR %',
  esPct: 'ES %',
  backend: 'backend',
  observations: 'observations',
} as const;

/** Optional backtest columns of the VaR / ES tile: the verdict badge shows when all three are present. */
export const VAR_BACKTEST_COLUMNS = {
  exceptions: 'exceptions',
  kupiecP: 'kupiec p',
  trafficLight: 'traffic light',
} as const;

/** Basel traffic-light zones, the values of the `traffic light` column. */
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/** Limit utilisation, one row per limit: `utilisation` = value / hard; `warn` may be null. */
export const LIMIT_COLUMNS = {
  limit: 'limit',
  scope: 'scope',
  value: 'value',
  warn: 'warn',
  hard: 'hard',
  utilisation: 'utilisation',
  status: 'status',
} as const;

/** Values of the limit table's `status` column. */
export const LIMIT_STATUSES = ['ok', 'warn', 'breach'] as const;
export type LimitStatus = (typeof LIMIT_STATUSES)[number];

/** P&L waterfall, one row per position (a stress result or a P&L attribution); other columns are ignored. */
export const PNL_COLUMNS = { symbol: 'symbol', pnl: 'pnl' } as const;

/** The columns of a VaR / ES table with their types; the widget checks frames against this list. */
export const VAR_TABLE_COLUMNS: readonly TableColumn[] = [
  { name: VAR_COLUMNS.method, type: 'string' },
  { name: VAR_COLUMNS.confidence, type: 'number' },
  { name: VAR_COLUMNS.horizonDays, type: 'number' },
  { name: VAR_COLUMNS.var, type: 'number' },
  { name: VAR_COLUMNS.es, type: 'number' },
  { name: VAR_COLUMNS.varPct, type: 'number' },
  { name: VAR_COLUMNS.esPct, type: 'number' },
  { name: VAR_COLUMNS.backend, type: 'string' },
  { name: VAR_COLUMNS.observations, type: 'number' },
];

/** The optional backtest columns of a VaR / ES table, appended to {@link VAR_TABLE_COLUMNS}. */
export const VAR_BACKTEST_TABLE_COLUMNS: readonly TableColumn[] = [
  { name: VAR_BACKTEST_COLUMNS.exceptions, type: 'number' },
  { name: VAR_BACKTEST_COLUMNS.kupiecP, type: 'number' },
  { name: VAR_BACKTEST_COLUMNS.trafficLight, type: 'string' },
];

export const LIMIT_TABLE_COLUMNS: readonly TableColumn[] = [
  { name: LIMIT_COLUMNS.limit, type: 'string' },
  { name: LIMIT_COLUMNS.scope, type: 'string' },
  { name: LIMIT_COLUMNS.value, type: 'number' },
  { name: LIMIT_COLUMNS.warn, type: 'number' },
  { name: LIMIT_COLUMNS.hard, type: 'number' },
  { name: LIMIT_COLUMNS.utilisation, type: 'number' },
  { name: LIMIT_COLUMNS.status, type: 'string' },
];

export const PNL_TABLE_COLUMNS: readonly TableColumn[] = [
  { name: PNL_COLUMNS.symbol, type: 'string' },
  { name: PNL_COLUMNS.pnl, type: 'number' },
];
