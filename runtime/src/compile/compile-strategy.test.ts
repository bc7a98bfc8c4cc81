import { runInNewContext } from 'node:vm';
import { isNautilusError, type NautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import type { StrategyScope } from '../engine/index.ts';
import { compileStrategy } from '../index.ts';
import { positionFromStack } from './strategy-script.ts';

async function failure(source: string): Promise<NautilusError> {
  const error = await compileStrategy(source).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isNautilusError(error)) throw new Error(`expected a NautilusError, got ${String(error)}`);
  return error;
}

/** Evaluates compiled code with a recording defineStrategy; returns the module's exports. */
function evaluate(code: string): { exports: unknown; defined: unknown[] } {
  const defined: unknown[] = [];
  const factory = runInNewContext(code) as (scope: Partial<StrategyScope>) => unknown;
  const exports = factory({
    defineStrategy: (definition: unknown) => {
      defined.push(definition);
      return definition;
    },
  });
  return { exports, defined };
}

describe('compileStrategy', () => {
  it('compiles TypeScript to a function of the engine scope that returns the default export', async () => {
    const compiled = await compileStrategy(`
      interface State { bars: number }
      const start = (n: number): State => ({ bars: n });
      export default defineStrategy({ initialState: () => start(0), onBar(ctx) { ctx.state.bars++; } });
    `);
    const { exports, defined } = evaluate(compiled.code);
    expect(defined).toHaveLength(1);
    expect((exports as { default: unknown }).default).toBe(defined[0]);
    expect(JSON.parse(compiled.sourceMap).sources).toEqual(['strategy.ts']);
  });

  it('lets a file import defineStrategy and types from @nautilus/sdk, and type-only imports from anywhere', async () => {
    const compiled = await compileStrategy(`
      import { defineStrategy, type Indicator } from '@nautilus/sdk';
      import type { Something } from 'elsewhere';
      let sma: Indicator | undefined;
      export default defineStrategy({ onBar(ctx) { sma = ctx.indicators.sma(3); } });
    `);
    expect(evaluate(compiled.code).defined).toHaveLength(1);
  });

  it('rejects imports of any other module, pointing at the module name', async () => {
    const error = await failure(`const a = 1;\n  import fs from 'node:fs';\nexport default fs;`);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      'The strategy does not compile at line 2, column 18: Strategies cannot import "node:fs": they run sandboxed without modules; everything they can use is on ctx',
    );
    expect(error.details).toMatchObject({ line: 2, column: 18 });
    expect(error.fields[0]?.path).toBe('source');
  });

  it('rejects require() and import() of a literal name', async () => {
    expect((await failure(`const x = 1;\nconst fs = require('fs');`)).details).toMatchObject({ line: 2, column: 20 });
    expect((await failure(`export default { onBar: async () => { await import('fs'); } };`)).message).toContain(
      'cannot import() "fs"',
    );
  });

  it('rejects require() and import() of computed names, which no import check can see', async () => {
    const required = await failure(`const name = 'f' + 's';\nexport default { onBar() { return require(name); } };`);
    expect(required.message).toContain('require() and import() are not available');
    expect(required.details).toMatchObject({ line: 2, column: 35 });
    const imported = await failure(`const name = 'fs';\n\nexport default { async onBar() { await import(name); } };`);
    expect(imported.details).toMatchObject({ line: 3, column: 40 });
  });

  it('explains that only defineStrategy comes from @nautilus/sdk', async () => {
    const error = await failure(`import { NautilusError } from '@nautilus/sdk';\nthrow new NautilusError('INTERNAL', 'x');`);
    expect(error.message).toContain('No matching export in "@nautilus/sdk" for import "NautilusError"');
    expect(error.message).toContain('line 1, column 10');
  });

  it('reports syntax errors with line and column in characters, not bytes', async () => {
    const error = await failure(`const name = "é ü";\nconst b = ;`);
    expect(error.details).toMatchObject({ line: 2, column: 11 });
    const accented = await failure(`const é = "ü"; const b = ;`);
    expect(accented.details).toMatchObject({ line: 1, column: 26 });
    expect((error.details.diagnostics as unknown[]).length).toBe(1);
  });

  it('refuses top-level await and non-string sources', async () => {
    expect((await failure('await 1;\nexport default {};')).message).toContain('Top-level await');
    expect((await failure(42 as unknown as string)).fields).toEqual([{ path: 'source', message: 'must be a string' }]);
  });

  it("maps a runtime stack position back to the strategy's TypeScript line", async () => {
    const compiled = await compileStrategy(
      `type Note = string;\nconst note: Note = 'x';\n\nexport default defineStrategy({\n  onBar(ctx) {\n    throw new Error(note);\n  },\n});`,
    );
    const factory = runInNewContext(compiled.code, {}, { filename: 'strategy.js' }) as (scope: Partial<StrategyScope>) => unknown;
    const definition = (factory({ defineStrategy: (value: unknown) => value }) as { default: { onBar(ctx: unknown): void } })
      .default;
    let stack = '';
    try {
      definition.onBar({});
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(positionFromStack(compiled, stack)).toEqual({ line: 6, column: 11 });
  });
});
