import type { DataSource, DataSourceDescriptor, Frame, JsonSchema, TableFrame } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { currentRiskCaller } from '../risk/risk-caller.ts';
import { backtestTearSheet } from './backtest-tear-sheet.ts';
import { deploymentTearSheet } from './deployment-tear-sheet.ts';
import type { Parts, TearSheetOptions } from './equity-tear-sheet.ts';
import { portfolioAttribution } from './portfolio-attribution.ts';
import { portfolioTearSheet } from './portfolio-tear-sheet.ts';
import type { TearSheetView } from './tear-sheet-view.ts';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const VIEWS = ['tear-sheet', 'monthly-returns', 'rolling', 'drawdown', 'drawdown-periods', 'benchmark', 'attribution'] as const;
type View = (typeof VIEWS)[number];

/** Params of `nautilus.core/analytics`: whose performance and which view of it. */
export const analyticsQuerySchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    kind: { type: 'string', enum: ['backtest', 'deployment', 'portfolio'], default: 'backtest', title: 'Kind' },
    id: { type: 'string', pattern: UUID, title: 'Run, deployment or portfolio id' },
    view: { type: 'string', enum: [...VIEWS], default: 'tear-sheet', title: 'View' },
    benchmark: { type: 'string', minLength: 1, maxLength: 100, title: 'Benchmark symbol (default: the simulated index)' },
    weights: {
      type: 'string',
      maxLength: 2_000,
      pattern: '^[^=,]+=-?[0-9.]+(,[^=,]+=-?[0-9.]+)*$',
      title: 'Attribution benchmark weights, e.g. SIM:SPX=0.6,SIM:TLT=0.4',
    },
  },
};

export const analyticsSourceDescriptor: DataSourceDescriptor = {
  id: 'analytics',
  name: 'Performance analytics',
  description:
    "A backtest run's, paper deployment's or portfolio's tear sheet (every metric with its formula), monthly returns, rolling Sharpe and volatility, drawdowns, equity against a benchmark, and a portfolio's Brinson–Fachler attribution.",
  frames: ['table', 'timeseries'],
  querySchema: analyticsQuerySchema,
  streaming: false,
};

interface Params {
  kind?: 'backtest' | 'deployment' | 'portfolio';
  id: string;
  view?: View;
  benchmark?: string;
  weights?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `nautilus.core/analytics`: the tear-sheet procedures' figures as frames for dashboard panels (a
 * table widget for the tear sheet, monthly returns, drawdown periods and attribution; a line chart
 * for rolling metrics, drawdown and the benchmark overlay). A portfolio is read only by callers who
 * may view it, as in the API.
 */
export function analyticsSource(services: Parts): DataSource<Params> {
  return {
    async query(query, signal) {
      const { kind = 'backtest', id, view = 'tear-sheet' } = query.params;
      const caller = currentRiskCaller();
      if (view === 'attribution') {
        if (kind !== 'portfolio')
          throw NautilusError.validation('query', [{ path: 'view', message: 'attribution needs kind portfolio' }]);
        const weights = parseWeights(query.params.weights ?? '');
        const actor = caller?.userId ? { id: caller.userId, role: caller.role } : undefined;
        if (!actor) throw new NautilusError('UNAUTHORIZED', 'Log in to read a portfolio.');
        const result = await portfolioAttribution(services, actor, id, { weights });
        return [
          attributionTable(result.byInstrument.segments, 'instrument'),
          attributionTable(result.byAssetClass.segments, 'asset class'),
          attributionSummary(result.byInstrument, result.byAssetClass),
        ];
      }
      const options: TearSheetOptions = query.params.benchmark ? { benchmark: { symbol: query.params.benchmark } } : {};
      let sheet: TearSheetView;
      if (kind === 'portfolio') {
        if (!caller?.userId) throw new NautilusError('UNAUTHORIZED', 'Log in to read a portfolio.');
        sheet = await portfolioTearSheet(services, { id: caller.userId, role: caller.role }, id, options, signal);
      } else if (kind === 'deployment') sheet = await deploymentTearSheet(services, id, options, signal);
      else sheet = await backtestTearSheet(services, id, options, signal);
      return framesOf(sheet, view);
    },
  };
}

const DAY_MS = 86_400_000;

/** A metric as a table cell reads: percentages, dates and days rather than raw fractions and epoch ms. */
function displayValue(metric: TearSheetView['metrics'][number]): string {
  const { value } = metric;
  if (value === null) return '—';
  switch (metric.unit) {
    case 'fraction':
      return `${(value * 100).toFixed(2)} %`;
    case 'time':
      return new Date(value).toISOString().slice(0, 10);
    case 'ms':
      return `${(value / DAY_MS).toFixed(0)} days`;
    case 'periods':
      return `${value} periods`;
    case 'count':
      return String(value);
    default:
      return value.toFixed(2);
  }
}

function parseWeights(text: string): Record<string, number> {
  if (!text)
    throw NautilusError.validation('query', [{ path: 'weights', message: 'name the benchmark weights, e.g. SIM:SPX=1' }]);
  return Object.fromEntries(
    text.split(',').map((pair) => [pair.slice(0, pair.lastIndexOf('=')).trim(), Number(pair.slice(pair.lastIndexOf('=') + 1))]),
  );
}

function framesOf(sheet: TearSheetView, view: Exclude<View, 'attribution'>): Frame[] {
  switch (view) {
    case 'tear-sheet':
      return [
        {
          kind: 'table',
          columns: [
            { name: 'Metric', type: 'string' },
            { name: 'Value', type: 'string' },
            { name: 'Formula', type: 'string' },
            { name: 'Conventions', type: 'string' },
            { name: 'Number', type: 'number' },
          ],
          rows: sheet.metrics.map((metric) => [
            metric.label,
            displayValue(metric),
            metric.formula,
            metric.conventions,
            metric.value,
          ]),
        },
      ];
    case 'monthly-returns': {
      const years = [...new Set(sheet.monthlyReturns.map((entry) => entry.year))].sort();
      const table: TableFrame = {
        kind: 'table',
        columns: [
          { name: 'Year', type: 'string' },
          ...MONTHS.map((month) => ({ name: month, type: 'number' as const, unit: '%' })),
          { name: 'Year total', type: 'number', unit: '%' },
        ],
        rows: years.map((year) => [
          String(year),
          ...MONTHS.map((_, index) => {
            const found = sheet.monthlyReturns.find((entry) => entry.year === year && entry.month === index + 1);
            return found ? found.return * 100 : null;
          }),
          (sheet.yearlyReturns.find((entry) => entry.year === year)?.return ?? Number.NaN) * 100,
        ]),
      };
      return [table];
    }
    case 'rolling':
      return [
        {
          kind: 'timeseries',
          series: [
            {
              name: `Sharpe (${sheet.rolling.window})`,
              time: sheet.rolling.time,
              values: sheet.rolling.sharpe.map((value) => value ?? Number.NaN),
            },
            {
              name: `Volatility (${sheet.rolling.window})`,
              unit: '%',
              time: [...sheet.rolling.time],
              values: sheet.rolling.volatility.map((value) => value * 100),
            },
          ],
        },
      ];
    case 'drawdown':
      return [
        {
          kind: 'timeseries',
          series: [
            { name: 'drawdown', unit: '%', time: sheet.drawdown.time, values: sheet.drawdown.series.map((value) => value * 100) },
          ],
        },
      ];
    case 'drawdown-periods':
      return [
        {
          kind: 'table',
          columns: [
            { name: 'Depth', type: 'number', unit: '%' },
            { name: 'Peak', type: 'time' },
            { name: 'Trough', type: 'time' },
            { name: 'Recovery', type: 'time' },
            { name: 'Length (periods)', type: 'number' },
          ],
          rows: sheet.drawdown.periods.map((period) => [
            -period.depth * 100,
            period.peakTime,
            period.troughTime,
            period.recoveryTime,
            period.length,
          ]),
        },
      ];
    case 'benchmark': {
      const benchmark = sheet.benchmark;
      if (!benchmark) throw new NautilusError('INSUFFICIENT_DATA', sheet.benchmarkError ?? 'No benchmark bars over this span.');
      return [
        {
          kind: 'timeseries',
          series: [
            { name: 'equity', time: benchmark.time, values: benchmark.strategy },
            { name: `${benchmark.name ?? 'benchmark'} (rebased)`, time: [...benchmark.time], values: benchmark.rebased },
          ],
        },
      ];
    }
  }
}

function attributionTable(
  segments: { segment: string; allocation: number; selection: number; interaction: number; total: number }[],
  by: string,
): TableFrame {
  return {
    kind: 'table',
    columns: [
      { name: by === 'instrument' ? 'Instrument' : 'Asset class', type: 'string' },
      { name: 'Allocation', type: 'number', unit: '%' },
      { name: 'Selection', type: 'number', unit: '%' },
      { name: 'Interaction', type: 'number', unit: '%' },
      { name: 'Total', type: 'number', unit: '%' },
    ],
    rows: segments.map((segment) => [
      segment.segment,
      segment.allocation * 100,
      segment.selection * 100,
      segment.interaction * 100,
      segment.total * 100,
    ]),
  };
}

type EffectTotals = { allocation: number; selection: number; interaction: number; residual: number; activeReturn: number };

/** The linked effects, the residual and the active return they add up to (the attribution waterfall reads this). */
function attributionSummary(byInstrument: EffectTotals, byAssetClass: EffectTotals): TableFrame {
  const effects = ['allocation', 'selection', 'interaction', 'residual', 'activeReturn'] as const;
  const labels = {
    allocation: 'Allocation',
    selection: 'Selection',
    interaction: 'Interaction',
    residual: 'Residual',
    activeReturn: 'Active return',
  };
  return {
    kind: 'table',
    columns: [
      { name: 'Effect', type: 'string' },
      { name: 'By instrument', type: 'number', unit: '%' },
      { name: 'By asset class', type: 'number', unit: '%' },
    ],
    rows: effects.map((effect) => [labels[effect], byInstrument[effect] * 100, byAssetClass[effect] * 100]),
  };
}
