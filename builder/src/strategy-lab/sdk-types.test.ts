import { describe, expect, it } from 'vitest';
import { sdkStrategyDts } from './sdk-types.ts';

describe('sdkStrategyDts', () => {
  it('declares the strategy API of the sdk as an ambient module', () => {
    expect(sdkStrategyDts.startsWith("declare module '@nautilus/sdk' {")).toBe(true);
    for (const declaration of [
      'interface StrategyContext',
      'buy(quantity: number',
      'sell(quantity: number',
      'readonly position: Position',
      'readonly buyingPower: number',
      'interface Indicators',
      'sma(period: number',
      'interface StrategyDefinition',
      'function defineStrategy<',
      'type ParamSpecs',
    ]) {
      expect(sdkStrategyDts).toContain(declaration);
    }
  });

  it('keeps no module syntax or function bodies inside the ambient module', () => {
    const body = sdkStrategyDts.slice(0, sdkStrategyDts.lastIndexOf('}'));
    expect(body).not.toMatch(/^\s*import\s/m);
    expect(body).not.toMatch(/^\s*export\s/m);
    expect(body).not.toContain('return definition');
  });
});
