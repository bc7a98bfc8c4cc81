import { describe, expect, it } from 'vitest';
import { describeStrategy } from '../index.ts';
import { backtest, backtestFile, failure, measure } from './hostile-harness.ts';

// What crosses out of the isolate is copied once per reference: a 16 MB string reachable from many
// places would multiply on the host. Each case below must leave the host's memory and event loop
// alone and come back capped (or fail its own run).
const HOST_GROWTH_MB = 150;
const BIG = "'x'.repeat(16_000_000)";
// Defeats every `.slice` cap the engine applies with the realm's own String.prototype.slice.
const NO_SLICE = 'String.prototype.slice = function (this: string) { return String(this); };';

function expectBounded(run: { peakRssGrowthMb: number; ms: number; longestStallMs: number }): void {
  expect(run.peakRssGrowthMb).toBeLessThan(HOST_GROWTH_MB);
  expect(run.ms).toBeLessThan(15_000);
  expect(run.longestStallMs).toBeLessThan(1_000);
}

describe('sandbox: copying values out of the isolate', () => {
  it('caps a params declaration whose labels, descriptions and options share one huge string', async () => {
    const source = `${NO_SLICE}
      const big = ${BIG};
      const params: any = {};
      for (let i = 0; i < 20; i++) params['p' + i] = { type: 'string', default: 'a', label: big, description: big, options: ['a', big, big, big] };
      export default defineStrategy({ name: big, description: big, params, onBar() {} });`;
    const run = await measure(() => describeStrategy({ source }));
    expect(run.error).toBeUndefined();
    expectBounded(run);
    const described = run.value!;
    expect(described.name!.length).toBeLessThanOrEqual(200);
    expect(described.description!.length).toBeLessThanOrEqual(2_000);
    expect(Object.keys(described.params)).toHaveLength(20);
    for (const spec of Object.values(described.params)) {
      expect(spec.label!.length).toBeLessThanOrEqual(200);
      expect(spec.description!.length).toBeLessThanOrEqual(2_000);
      expect((spec as { options: readonly string[] }).options.every((option) => option.length <= 200)).toBe(true);
    }
    expect(JSON.stringify(described).length).toBeLessThan(1_000_000);
  });

  it('refuses a declaration of more params than a form can show', async () => {
    const error = await failure(
      describeStrategy({
        source:
          "const params: any = {}; for (let i = 0; i < 100_000; i++) params['p' + i] = { type: 'number', default: i };\nexport default defineStrategy({ params, onBar() {} });",
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/at most \d+ params/);
  });

  it('caps order tags, log lines and rejection reasons however the strategy defeats the engine’s own caps', async () => {
    const run = await measure(() =>
      backtestFile(`${NO_SLICE}
        const big = ${BIG};
        export default defineStrategy({
          onBar(ctx) {
            ctx.buy(1, { tag: big });
            ctx.submitOrder({ side: 'buy', quantity: 1, get tag() { return big + ctx.barIndex; } } as any);
            ctx.order({ side: big as any, quantity: 1, tag: big });
            ctx.log(big, big, big, { big });
          },
          onOrderFilled(ctx, fill) { ctx.log(fill.tag, fill.tag); },
        });`),
    );
    expectBounded(run);
    if (run.error === undefined) {
      const result = run.value!;
      expect(result.fills.length).toBeGreaterThan(0);
      expect(JSON.stringify(result).length).toBeLessThan(20_000_000);
      expect(result.logs.every((line) => line.message.length <= 1_000)).toBe(true);
    } else {
      expect(run.error).toMatchObject({ code: expect.stringMatching(/^(INTERNAL|SANDBOX_MEMORY)$/) });
    }
  });

  it('does not copy out records a sabotaged Array.prototype.push multiplied', async () => {
    const run = await measure(() =>
      failure(
        backtest(`
          if (ctx.barIndex === 0) {
            const push = Array.prototype.push;
            Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
              if (typeof items[0] === 'object' && items[0] !== null && 'status' in items[0]) for (let i = 0; i < 2_000_000; i++) push.call(this, items[0]);
              return push.apply(this, items);
            };
          }
          if (ctx.barIndex < 3) ctx.buy(1, { tag: 'x'.repeat(64) });`),
      ),
    );
    expectBounded(run);
    expect(['INTERNAL', 'SANDBOX_MEMORY']).toContain(run.value?.code);
  });

  it('copies only the equity numbers, whatever Float64Array the realm offers the engine', async () => {
    for (const replacement of [
      'class extends Float64Array { constructor(n: number) { super(new ArrayBuffer(48 * 2 ** 20), 0, n); } }',
      `function (n: number) { const a: any = new Array(n).fill(0); a.big = new Array(20).fill(${BIG}); return a; }`,
    ]) {
      const run = await measure(() =>
        backtest(`if (ctx.barIndex === 0) (globalThis as any).Float64Array = ${replacement};`, { batchBars: 1 }),
      );
      expectBounded(run);
      if (run.error !== undefined)
        expect(run.error).toMatchObject({ code: expect.stringMatching(/^(INTERNAL|SANDBOX_MEMORY)$/) });
      else expect(run.value!.curve.equity).toHaveLength(20);
    }
  });

  it('ignores toJSON, getters and prototype tricks planted on the objects it reports', async () => {
    const run = await measure(() =>
      backtestFile(`
        Object.freeze = ((value: unknown) => value) as any;
        Object.defineProperty(Object.prototype, 'toJSON', { get() { for (;;) {} }, configurable: true });
        Object.defineProperty(Array.prototype, 'toJSON', { value() { return ${BIG}; }, configurable: true });
        export default defineStrategy({
          onBar(ctx) {
            if (ctx.barIndex === 0) ctx.buy(1, { type: 'limit', limitPrice: 1 });
            for (const order of ctx.openOrders as any[]) {
              order.extra = new Array(20).fill(${BIG});
              Object.defineProperty(order, 'tag', { get: () => ${BIG}, enumerable: true, configurable: true });
            }
          },
        });`),
    );
    expectBounded(run);
    if (run.error !== undefined) expect(run.error).toMatchObject({ code: expect.stringMatching(/^(INTERNAL|SANDBOX_MEMORY)$/) });
    else expect(JSON.stringify(run.value).length).toBeLessThan(20_000_000);
  });
});
