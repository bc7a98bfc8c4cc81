import { readFileSync } from 'node:fs';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { assertStrategyTypes, MAX_TYPE_CHECK_CHARS, typeCheckStrategy } from './type-check-strategy.ts';

const SMA = readFileSync(new URL('../../examples/sma-crossover.ts', import.meta.url), 'utf8');

describe('typeCheckStrategy', () => {
  it('passes the example strategy, which imports types from @nautilus/sdk', async () => {
    expect(await typeCheckStrategy(SMA)).toEqual({ diagnostics: [], total: 0 });
  });

  it('finds a misspelt ctx method at its line and column, with TypeScript’s suggestion', async () => {
    const source = SMA.replace('ctx.sell(held);', 'ctx.liquidat();');
    const line = source.split('\n').findIndex((text) => text.includes('ctx.liquidat')) + 1;
    const column = source.split('\n')[line - 1]!.indexOf('liquidat') + 1;
    const { diagnostics, total } = await typeCheckStrategy(source);
    expect(total).toBe(1);
    expect(diagnostics[0]).toMatchObject({ line, column });
    expect(diagnostics[0]!.message).toContain("Property 'liquidat' does not exist");
    expect(diagnostics[0]!.message).toContain("Did you mean 'liquidate'?");
  });

  it('knows the sandbox globals (defineStrategy without import, console) and nothing of Node or the DOM', async () => {
    const ok = `export default defineStrategy({ onBar(ctx) { console.log(ctx.bar.close, Date.now(), Math.random()); } });`;
    expect((await typeCheckStrategy(ok)).total).toBe(0);
    const bad = `export default defineStrategy({ onBar(ctx) { process.exit(1); document.title = 'x'; } });`;
    const { diagnostics } = await typeCheckStrategy(bad);
    expect(diagnostics.map((item) => item.message)).toEqual([
      expect.stringContaining("Cannot find name 'process'"),
      expect.stringContaining("Cannot find name 'document'"),
    ]);
  });

  it('checks params’ types from the declared specs', async () => {
    const source = `export default defineStrategy({
  params: { on: { type: 'boolean', default: true } },
  onBar(ctx) { ctx.buy(ctx.params.on); },
});`;
    const { diagnostics } = await typeCheckStrategy(source);
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 24, message: expect.stringContaining("'boolean' is not assignable") }),
    ]);
  });

  it('stops a check past its CPU budget with VALIDATION, and the thread goes on checking the next source', async () => {
    await typeCheckStrategy(SMA); // warm: the budget covers the check alone, never TypeScript's loading
    // A new source of a few hundred functions needs far more than a millisecond of checking.
    const body = Array.from(
      { length: 300 },
      (_, index) => `const f${index} = (values: number[]) => values.map((v) => v * ${index}).reduce((a, b) => a + b, 0);`,
    );
    const heavy = `${body.join('\n')}\nexport default defineStrategy({ onBar(ctx) { ctx.log(String(f1([1]))); } });`;
    const error = await typeCheckStrategy(heavy, { budgetMs: 1 }).catch((caught: unknown) => caught);
    expect(isNautilusError(error) && error.code).toBe('VALIDATION');
    expect(isNautilusError(error) && error.details.typeCheck).toBe('timeout');
    expect(String((error as Error).message)).toMatch(/CPU time/);
    // Not remembered as an answer, and the same thread answers the full-budget check.
    expect(await typeCheckStrategy(heavy)).toEqual({ diagnostics: [], total: 0 });
  });

  it('refuses a source over the size cap, naming the field', async () => {
    const error = await typeCheckStrategy('x'.repeat(MAX_TYPE_CHECK_CHARS + 1)).catch((reason: unknown) => reason);
    expect(isNautilusError(error) && error.code).toBe('VALIDATION');
    expect(isNautilusError(error) && error.fields[0]?.path).toBe('source');
  });

  it('assertStrategyTypes throws VALIDATION with the diagnostics for editor markers', async () => {
    await expect(assertStrategyTypes(SMA)).resolves.toBeUndefined();
    const error = await assertStrategyTypes(SMA.replace('ctx.sell(held);', 'ctx.liquidat();')).catch((reason: unknown) => reason);
    expect(isNautilusError(error) && error.code).toBe('VALIDATION');
    if (!isNautilusError(error)) return;
    expect(error.message).toMatch(/^The strategy has type errors at line \d+, column \d+: Property 'liquidat'/);
    expect(error.details.typeErrors).toBe(1);
    expect(error.details.diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('liquidat') })]);
  });
});

describe('the runtime examples (the Strategy Lab offers them as starting points)', () => {
  const dir = new URL('../../examples/', import.meta.url);
  for (const name of ['sma-crossover.ts', 'rsi-mean-reversion.ts', 'bollinger-breakout.ts']) {
    it(`${name} type-checks`, async () => {
      expect(await typeCheckStrategy(readFileSync(new URL(name, dir), 'utf8'))).toEqual({ diagnostics: [], total: 0 });
    });
  }
});
