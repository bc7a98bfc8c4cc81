import type { JsonSchema } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { defaultValues, humanize, schemaFields, withDefaults } from './schema-fields.ts';

// Shaped like the sim-market bars source and the candlestick widget's options.
const barsQuery: JsonSchema = {
  type: 'object',
  required: ['symbol', 'timeframe'],
  properties: {
    symbol: { type: 'string', enum: ['SIM:AAPL', 'SIM:MSFT'], 'x-widget': 'instrument', title: 'Instrument' },
    timeframe: { enum: ['1m', '1h', '1d'], default: '1h', 'x-widget': 'timeframe', title: 'Timeframe' },
  },
};

const options: JsonSchema = {
  type: 'object',
  properties: {
    style: { type: 'string', enum: ['candles', 'ohlc'], default: 'candles' },
    showVolume: { type: 'boolean', title: 'Show volume', default: true },
    smaPeriod: { type: 'integer', minimum: 2, maximum: 500, default: 20 },
    width: { type: 'number', exclusiveMinimum: 0 },
    upColor: { type: 'string', 'x-widget': 'color', default: '#26a69a' },
    markdown: { type: 'string', 'x-widget': 'markdown', maxLength: 20000 },
    label: { type: 'string', maxLength: 40, description: 'Shown above the value' },
    columns: { type: 'array', items: { type: 'string' } },
  },
};

describe('schemaFields', () => {
  it('gives an instrument picker and a segmented timeframe for a bars query, required and in order', () => {
    expect(schemaFields(barsQuery)).toEqual([
      { name: 'symbol', label: 'Instrument', required: true, kind: 'instrument', options: ['SIM:AAPL', 'SIM:MSFT'] },
      { name: 'timeframe', label: 'Timeframe', required: true, default: '1h', kind: 'segmented', options: ['1m', '1h', '1d'] },
    ]);
  });

  it('maps each option type to its control', () => {
    const kinds = Object.fromEntries(schemaFields(options).map((field) => [field.name, field.kind]));
    expect(kinds).toEqual({
      style: 'select',
      showVolume: 'switch',
      smaPeriod: 'number',
      width: 'number',
      upColor: 'color',
      markdown: 'markdown',
      label: 'text',
      columns: 'json',
    });
  });

  it('gives a strategy-run picker for an id marked x-widget strategy-run', () => {
    const fields = schemaFields({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', 'x-widget': 'strategy-run', title: 'Run or deployment' } },
    });
    expect(fields).toEqual([{ name: 'id', label: 'Run or deployment', required: true, kind: 'strategy-run' }]);
  });

  it('carries bounds, lengths, labels and help text', () => {
    const fields = Object.fromEntries(schemaFields(options).map((field) => [field.name, field]));
    expect(fields.smaPeriod).toMatchObject({ integer: true, min: 2, max: 500, label: 'Sma period', default: 20 });
    expect(fields.width).toMatchObject({ integer: false, min: 0 });
    expect(fields.markdown).toMatchObject({ maxLength: 20000 });
    expect(fields.label).toMatchObject({ maxLength: 40, description: 'Shown above the value', required: false });
    expect(fields.showVolume?.label).toBe('Show volume');
  });

  it('returns no fields for a schema without properties', () => {
    expect(schemaFields({ type: 'object' })).toEqual([]);
    expect(schemaFields(undefined)).toEqual([]);
  });
});

describe('defaultValues', () => {
  it('takes each default, and the first choice of a required enum that has none', () => {
    expect(defaultValues(barsQuery)).toEqual({ symbol: 'SIM:AAPL', timeframe: '1h' });
  });

  it('leaves out optional properties without a default', () => {
    expect(defaultValues(options)).toEqual({ style: 'candles', showVolume: true, smaPeriod: 20, upColor: '#26a69a' });
  });
});

describe('withDefaults', () => {
  it('fills only what is missing', () => {
    expect(withDefaults(options, { style: 'ohlc', showVolume: false })).toMatchObject({
      style: 'ohlc',
      showVolume: false,
      smaPeriod: 20,
    });
  });
});

describe('humanize', () => {
  it('splits camelCase and snake_case', () => {
    expect(humanize('smaPeriod')).toBe('Sma period');
    expect(humanize('max_rows')).toBe('Max rows');
  });
});
