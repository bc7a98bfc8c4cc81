import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../json-schema.ts';
import { resolveOptions } from './widget-options.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    style: { type: 'string', enum: ['candles', 'ohlc'], default: 'candles' },
    showVolume: { type: 'boolean', default: true },
    period: { type: 'integer', minimum: 2, maximum: 500, default: 20 },
    width: { type: 'number', minimum: 0.5, maximum: 5, default: 2 },
    label: { type: 'string', default: '' },
    color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', default: '#26a69a' },
  },
};

describe('resolveOptions', () => {
  it('fills every property from the schema defaults when the panel has no options', () => {
    expect(resolveOptions(schema, undefined)).toEqual({
      style: 'candles',
      showVolume: true,
      period: 20,
      width: 2,
      label: '',
      color: '#26a69a',
    });
  });

  it('keeps valid values and drops properties the schema does not know', () => {
    const raw = { style: 'ohlc', showVolume: false, period: 50, width: 1.5, label: 'BTC', color: '#FF00aa', legacy: 1 };
    expect(resolveOptions(schema, raw)).toEqual({
      style: 'ohlc',
      showVolume: false,
      period: 50,
      width: 1.5,
      label: 'BTC',
      color: '#FF00aa',
    });
  });

  it('replaces ill-typed values and values outside an enum by the default', () => {
    const raw = {
      style: 'heikin-ashi',
      showVolume: 'yes',
      period: '50',
      width: Number.NaN,
      label: 3,
      color: 'url(javascript:x)',
    };
    expect(resolveOptions(schema, raw)).toEqual({
      style: 'candles',
      showVolume: true,
      period: 20,
      width: 2,
      label: '',
      color: '#26a69a',
    });
  });

  it('clamps numbers into range and rounds integers', () => {
    expect(resolveOptions(schema, { period: 1, width: 9 })).toMatchObject({ period: 2, width: 5 });
    expect(resolveOptions(schema, { period: 12.6 })).toMatchObject({ period: 13 });
  });
});
