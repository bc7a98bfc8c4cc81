import { hashKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { panelDataOptions } from './panel-data-options.ts';

const range = { from: 'now-7d', to: 'now' };

describe('panelDataOptions', () => {
  it('gives panels asking the same thing the same key, whatever the variable spelling or key order', () => {
    const a = panelDataOptions(
      { dataSource: 'acme.data/bars', params: { symbol: '$symbol', timeframe: '1h' } },
      { symbol: 'SIM:AAPL' },
      range,
    );
    const b = panelDataOptions({ dataSource: 'acme.data/bars', params: { timeframe: '1h', symbol: 'SIM:AAPL' } }, {}, range);
    expect(hashKey(a.queryKey)).toBe(hashKey(b.queryKey));
  });

  it('keeps the time range as written, so a refresh asks for a window that moved on', () => {
    const options = panelDataOptions({ dataSource: 'acme.data/bars', params: {} }, {}, range);
    expect(options.queryKey).toEqual(['dataSources.query', 'acme.data/bars', {}, 'now-7d', 'now']);
  });

  it('keys a different variable value apart', () => {
    const query = { dataSource: 'acme.data/bars', params: { symbol: '${symbol}' } };
    const aapl = panelDataOptions(query, { symbol: 'SIM:AAPL' }, range);
    const btc = panelDataOptions(query, { symbol: 'SIM:BTCUSD' }, range);
    expect(hashKey(aapl.queryKey)).not.toBe(hashKey(btc.queryKey));
    expect(btc.queryKey[2]).toEqual({ symbol: 'SIM:BTCUSD' });
  });
});
