import { isNautilusError, TIMEFRAMES } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import plugin, { instruments } from './index.ts';
import { startPlugin } from './test-host.ts';

const signal = new AbortController().signal;

describe('sim-market plugin', () => {
  it('declares itself as nautilus.sim-market, needing no network or secrets', () => {
    expect(plugin.manifest).toMatchObject({ id: 'nautilus.sim-market', version: '0.1.0', engine: '^0.1.0' });
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
  });

  it('implements every data source it declares, and nothing else', async () => {
    const declared = plugin.manifest.contributes.dataSources?.map((source) => source.id).sort();
    const sources = await startPlugin();
    expect(declared).toEqual(['bars', 'book', 'instruments']);
    expect(Object.keys(sources).sort()).toEqual(declared);
    for (const source of Object.values(sources)) expect(typeof source.query).toBe('function');
  });

  it('offers every instrument and timeframe in the bars query schema', () => {
    const schema = plugin.manifest.contributes.dataSources?.find((source) => source.id === 'bars')?.querySchema;
    expect(schema?.required).toEqual(['symbol', 'timeframe']);
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.properties?.symbol).toMatchObject({ 'x-widget': 'instrument', enum: instruments.map((item) => item.symbol) });
    expect(schema?.properties?.timeframe).toMatchObject({ 'x-widget': 'timeframe', default: '1h', enum: TIMEFRAMES });
  });

  it('lists at least ten unique instruments across every asset class', () => {
    const symbols = instruments.map((item) => item.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(symbols.length).toBeGreaterThanOrEqual(10);
    expect(new Set(instruments.map((item) => item.assetClass))).toEqual(
      new Set(['stock', 'etf', 'index', 'fx', 'crypto', 'future']),
    );
  });
});

describe('instruments data source', () => {
  const query = async (params: Record<string, unknown>) =>
    (await startPlugin()).instruments!.query({ params, range: { from: 0, to: Date.now() }, maxPoints: 1000 }, signal);

  it('returns a table row per instrument', async () => {
    const [frame] = await query({});
    expect(frame?.kind).toBe('table');
    if (frame?.kind !== 'table') return;
    expect(frame.columns.map((column) => column.name)).toEqual([
      'symbol',
      'name',
      'assetClass',
      'currency',
      'session',
      'tickSize',
    ]);
    expect(frame.rows.map((row) => row[0])).toEqual(instruments.map((item) => item.symbol));
    expect(frame.rows.find((row) => row[0] === 'SIM:USDJPY')).toEqual([
      'SIM:USDJPY',
      'US Dollar / Japanese Yen (simulated)',
      'fx',
      'JPY',
      'Sun 17:00 – Fri 17:00 America/New_York, around the clock',
      0.001,
    ]);
  });

  it('filters by asset class, and names the field of a bad one', async () => {
    const [frame] = await query({ assetClass: 'crypto' });
    expect(frame?.kind === 'table' && frame.rows.map((row) => row[0])).toEqual(['SIM:BTCUSD', 'SIM:ETHUSD']);
    const error = await query({ assetClass: 'bonds' }).catch((caught: unknown) => caught);
    expect(isNautilusError(error) && error.fields[0]?.path).toBe('assetClass');
  });
});
