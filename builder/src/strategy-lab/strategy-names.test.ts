import { describe, expect, it } from 'vitest';
import { freeStrategyName, sameStrategyName } from './strategy-names.ts';

describe('strategy names', () => {
  it('compares trimmed and ignoring case, as the server does', () => {
    expect(sameStrategyName('  SMA Crossover ', 'sma crossover')).toBe(true);
    expect(sameStrategyName('SMA crossover', 'SMA crossover 2')).toBe(false);
  });

  it('suggests the first free name with a number after it', () => {
    expect(freeStrategyName('RSI', [])).toBe('RSI');
    expect(freeStrategyName('RSI', ['rsi', 'RSI 2', 'Other'])).toBe('RSI 3');
  });
});
