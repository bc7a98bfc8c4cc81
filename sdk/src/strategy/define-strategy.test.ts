import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineStrategy, type Indicator } from '../index.ts';

describe('defineStrategy', () => {
  it('returns the definition itself', () => {
    const definition = { onBar() {} };
    expect(defineStrategy(definition)).toBe(definition);
  });

  it('types ctx.params from the declaration and ctx.state from initialState', () => {
    defineStrategy({
      params: {
        period: { type: 'integer', default: 20 },
        mode: { type: 'string', default: 'trend', options: ['trend', 'revert'] },
        name: { type: 'string', default: 'x' },
        enabled: { type: 'boolean', default: true },
      },
      initialState: () => ({ sma: undefined as Indicator | undefined, bars: 0 }),
      onBar(ctx) {
        expectTypeOf(ctx.params.period).toEqualTypeOf<number>();
        expectTypeOf(ctx.params.mode).toEqualTypeOf<'trend' | 'revert'>();
        expectTypeOf(ctx.params.name).toEqualTypeOf<string>();
        expectTypeOf(ctx.params.enabled).toEqualTypeOf<boolean>();
        expectTypeOf(ctx.state.bars).toEqualTypeOf<number>();
        expectTypeOf(ctx.close(1)).toEqualTypeOf<number | undefined>();
        expectTypeOf(ctx.buy(1)).toEqualTypeOf<number>();
      },
    });
  });
});
