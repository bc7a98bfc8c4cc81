import { describe, expect, it } from 'vitest';
import { customScenario } from './stress-form.ts';

describe('customScenario', () => {
  it('turns percentages into fractional shocks by symbol and by asset class', () => {
    expect(
      customScenario([
        { key: 'a', target: 'assetClass', name: 'stock', percent: -30 },
        { key: 'b', target: 'symbol', name: 'SIM:EURUSD', percent: 7 },
      ]),
    ).toEqual({
      kind: 'hypothetical',
      name: 'Custom: stock −30 %, SIM:EURUSD +7 %',
      bySymbol: { 'SIM:EURUSD': 0.07 },
      byAssetClass: { stock: -0.3 },
    });
  });

  it('has no scenario while a row is incomplete, out of range, or there is none', () => {
    expect(customScenario([])).toBeUndefined();
    expect(customScenario([{ key: 'a', target: 'symbol', name: null, percent: 5 }])).toBeUndefined();
    expect(customScenario([{ key: 'a', target: 'symbol', name: 'SIM:AAPL', percent: null }])).toBeUndefined();
    expect(customScenario([{ key: 'a', target: 'symbol', name: 'SIM:AAPL', percent: -100 }])).toBeUndefined();
  });
});
