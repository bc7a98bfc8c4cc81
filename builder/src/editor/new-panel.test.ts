import type { JsonSchema, Panel } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import {
  compatibleDataSources,
  createPanel,
  type DataSourceEntry,
  defaultQuery,
  newPanelId,
  paramsForDataSource,
  preferredDataSource,
  STRATEGY_RESULTS_DATA_SOURCE,
  type WidgetEntry,
} from './new-panel.ts';

const barsSchema: JsonSchema = {
  type: 'object',
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: { type: 'string', enum: ['SIM:AAPL', 'SIM:MSFT'], 'x-widget': 'instrument' },
    timeframe: { enum: ['1m', '1h', '1d'], default: '1h', 'x-widget': 'timeframe' },
  },
};
const dataSources: DataSourceEntry[] = [
  {
    ref: 'acme.data/quotes',
    frames: ['ohlcv', 'scalar'],
    querySchema: { type: 'object', properties: { ticker: { type: 'string' } } },
  },
  { ref: 'nautilus.sim-market/instruments', frames: ['table'], querySchema: { type: 'object', properties: {} } },
  { ref: 'nautilus.sim-market/bars', frames: ['ohlcv'], querySchema: barsSchema },
];
const candles: WidgetEntry = {
  type: 'nautilus.widgets-core/candlestick',
  name: 'Candlestick chart',
  pluginVersion: '0.1.0',
  accepts: ['ohlcv'],
  defaultSize: { w: 12, h: 10 },
  optionsSchema: { type: 'object', properties: { showVolume: { type: 'boolean', default: true } } },
};
const text: WidgetEntry = {
  ...candles,
  type: 'nautilus.widgets-core/text',
  name: 'Text',
  accepts: [],
  defaultSize: { w: 6, h: 4 },
  optionsSchema: { type: 'object', properties: { markdown: { type: 'string', default: '# Notes' } } },
};

describe('compatibleDataSources', () => {
  it('keeps sources whose frames the widget draws, simulated bars first', () => {
    expect(compatibleDataSources(['ohlcv'], dataSources).map((source) => source.ref)).toEqual([
      'nautilus.sim-market/bars',
      'acme.data/quotes',
    ]);
    expect(compatibleDataSources(['table'], dataSources).map((source) => source.ref)).toEqual([
      'nautilus.sim-market/instruments',
    ]);
    expect(compatibleDataSources(['timeseries'], dataSources)).toEqual([]);
  });
});

describe('strategy widgets', () => {
  const strategyResults: DataSourceEntry = {
    ref: STRATEGY_RESULTS_DATA_SOURCE,
    frames: ['timeseries', 'table'],
    querySchema: {
      type: 'object',
      required: ['id'],
      properties: {
        kind: { type: 'string', enum: ['backtest', 'deployment'], default: 'backtest' },
        id: { type: 'string', 'x-widget': 'strategy-run' },
        view: { type: 'string', enum: ['equity', 'trades'], default: 'equity' },
      },
    },
  };
  const sources = [...dataSources, strategyResults];

  it('prefers nautilus.core/strategy-results for a strategy-* widget, the simulated market otherwise', () => {
    expect(preferredDataSource('nautilus.widgets-core/strategy-equity')).toBe(STRATEGY_RESULTS_DATA_SOURCE);
    expect(preferredDataSource('nautilus.widgets-core/table')).toBe('nautilus.sim-market/bars');
    expect(preferredDataSource(undefined)).toBe('nautilus.sim-market/bars');
    expect(compatibleDataSources(['table'], sources, preferredDataSource('x.y/strategy-trades'))[0]?.ref).toBe(
      STRATEGY_RESULTS_DATA_SOURCE,
    );
    expect(compatibleDataSources(['table'], sources)[0]?.ref).toBe('nautilus.sim-market/instruments');
  });

  it('starts an equity panel on the equity view and a trades panel on the trades view', () => {
    expect(defaultQuery({ type: 'nautilus.widgets-core/strategy-equity', accepts: ['timeseries'] }, sources, [])).toEqual({
      dataSource: STRATEGY_RESULTS_DATA_SOURCE,
      params: { kind: 'backtest', view: 'equity' },
    });
    expect(defaultQuery({ type: 'nautilus.widgets-core/strategy-trades', accepts: ['table'] }, sources, [])).toEqual({
      dataSource: STRATEGY_RESULTS_DATA_SOURCE,
      params: { kind: 'backtest', view: 'trades' },
    });
  });
});

describe('defaultQuery', () => {
  it('asks the simulated bars for the first instrument at the default timeframe', () => {
    expect(defaultQuery(candles, dataSources, [])).toEqual({
      dataSource: 'nautilus.sim-market/bars',
      params: { symbol: 'SIM:AAPL', timeframe: '1h' },
    });
  });

  it('follows the dashboard symbol variable when there is one', () => {
    const variables = [
      { name: 'region', type: 'text' as const, default: 'us' },
      { name: 'symbol', type: 'instrument' as const, default: 'SIM:MSFT' },
    ];
    expect(defaultQuery(candles, dataSources, variables)?.params).toEqual({ symbol: '$symbol', timeframe: '1h' });
  });

  it('gives no query to a widget that takes no data, or when no source fits', () => {
    expect(defaultQuery(text, dataSources, [])).toBeUndefined();
    expect(defaultQuery({ accepts: ['timeseries'] }, dataSources, [])).toBeUndefined();
  });
});

describe('createPanel', () => {
  const existing: Panel = {
    id: 'p-000001',
    type: text.type,
    pluginVersion: '0.1.0',
    title: 'Notes',
    gridPos: { x: 0, y: 0, w: 12, h: 4 },
    options: {},
  };

  it('names the panel after the widget, with default options, the default query and the first free place', () => {
    const panel = createPanel(candles, { panels: [existing], variables: [], dataSources }, { id: 'p-new' });
    expect(panel).toEqual({
      id: 'p-new',
      type: candles.type,
      pluginVersion: '0.1.0',
      title: 'Candlestick chart',
      gridPos: { x: 12, y: 0, w: 12, h: 10 },
      options: { showVolume: true },
      query: { dataSource: 'nautilus.sim-market/bars', params: { symbol: 'SIM:AAPL', timeframe: '1h' } },
    });
  });

  it('puts the panel where it was dropped, and leaves out the query of a text panel', () => {
    const panel = createPanel(text, { panels: [], variables: [], dataSources }, { gridPos: { x: 3, y: 7, w: 6, h: 4 } });
    expect(panel.gridPos).toEqual({ x: 3, y: 7, w: 6, h: 4 });
    expect(panel).not.toHaveProperty('query');
    expect(panel.id).toMatch(/^p-[0-9a-z]{6}$/);
  });
});

describe('newPanelId', () => {
  it('draws again when the id is taken', () => {
    const draws = [0, 0, 0.5];
    const id = newPanelId(['p-000000'], () => draws.shift() as number);
    expect(id).not.toBe('p-000000');
    expect(id).toMatch(/^p-[0-9a-z]{6}$/);
  });
});

describe('paramsForDataSource', () => {
  it('keeps the values the new source accepts and variable references, and defaults the rest', () => {
    expect(paramsForDataSource(barsSchema, { symbol: 'SIM:MSFT', timeframe: '4h', ticker: 'X' }, [])).toEqual({
      symbol: 'SIM:MSFT',
      timeframe: '1h',
    });
    expect(paramsForDataSource(barsSchema, { symbol: '$symbol' }, [])).toEqual({ symbol: '$symbol', timeframe: '1h' });
  });
});
