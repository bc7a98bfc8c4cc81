import { describe, expect, it } from 'vitest';
import { typeCheckStrategy } from './type-check-strategy.ts';

describe('type-checking a strategy that reads catalogue indicators', () => {
  it('accepts ctx.indicators.indicator with outputs by name, and refuses a non-number param', async () => {
    const ok = `
export default defineStrategy({
  name: 'ADX filter',
  onBar(ctx) {
    const adx = ctx.indicators.indicator('adx', { period: 14 });
    const stoch = ctx.indicators.indicator('stoch');
    if (adx.ready && (adx.value ?? 0) > 25 && (stoch.outputs.k ?? 50) < 20) ctx.buy(1);
  },
});`;
    expect(await typeCheckStrategy(ok)).toEqual({ diagnostics: [], total: 0 });
    const bad = ok.replace('{ period: 14 }', "{ period: '14' }");
    expect((await typeCheckStrategy(bad)).total).toBeGreaterThan(0);
  });
});
