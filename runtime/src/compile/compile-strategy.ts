import { NautilusError } from '@nautilus/sdk';
import { build, type Message, type Plugin } from 'esbuild';
import { compileError, diagnosticFromMessage } from './compile-diagnostics.ts';
import type { CompiledStrategy, StrategyDiagnostic } from './compiled-strategy.ts';
import { createSourceMapLookup } from './source-map.ts';
import { STRATEGY_SCRIPT, STRATEGY_SOURCE, wrapBundle } from './strategy-script.ts';

const MAX_SOURCE_CHARS = 1_000_000;
const SDK_NAMESPACE = 'nautilus-sdk';

// Every import goes through here: `@nautilus/sdk` resolves to the engine's own defineStrategy, anything
// else is an error that esbuild reports at the import's line and column.
const importGuard: Plugin = {
  name: 'nautilus-import-guard',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.path === '@nautilus/sdk') return { path: 'sdk', namespace: SDK_NAMESPACE };
      const how = args.kind === 'require-call' ? 'require()' : args.kind === 'dynamic-import' ? 'import()' : 'import';
      return {
        errors: [
          {
            text: `Strategies cannot ${how} "${args.path}": they run sandboxed without modules; everything they can use is on ctx`,
          },
        ],
      };
    });
    builder.onLoad({ filter: /.*/, namespace: SDK_NAMESPACE }, () => ({
      contents: 'export const defineStrategy = __nautilus.defineStrategy;',
      loader: 'js',
    }));
  },
};

/**
 * Compiles a strategy's TypeScript source for the engine. Throws a VALIDATION NautilusError with the
 * line and column of each problem (in `details.diagnostics`) for syntax errors and for any `import`,
 * `require` or `import()` of a module other than `@nautilus/sdk`.
 * @example const compiled = await compileStrategy('export default defineStrategy({ onBar(ctx) {} })');
 */
export async function compileStrategy(source: string): Promise<CompiledStrategy> {
  if (typeof source !== 'string') throw NautilusError.validation('strategy', [{ path: 'source', message: 'must be a string' }]);
  if (source.length > MAX_SOURCE_CHARS) {
    throw NautilusError.validation('strategy', [
      { path: 'source', message: `is ${source.length} characters, over the ${MAX_SOURCE_CHARS} limit` },
    ]);
  }
  let output: { code: string; map: string };
  try {
    const result = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: STRATEGY_SOURCE },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__strategy',
      platform: 'neutral',
      target: 'es2024',
      // Turns `import(expression)` into the `require` helper, which the check below then refuses.
      supported: { 'dynamic-import': false },
      sourcemap: 'external',
      outfile: STRATEGY_SCRIPT,
      tsconfigRaw: {},
      plugins: [importGuard],
      logLevel: 'silent',
    });
    const files = result.outputFiles ?? [];
    const map = files.find((file) => file.path.endsWith('.map'))?.text ?? '{"sources":[],"mappings":""}';
    const code = files.find((file) => file.path.endsWith('.js'))?.text ?? '';
    output = { code: code.replace(/\/\/# sourceMappingURL=.*\s*$/, ''), map };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!Array.isArray(errors)) throw new NautilusError('INTERNAL', 'The strategy compiler failed', { cause: error });
    throw compileError('The strategy does not compile', errors.map(diagnosticFromMessage));
  }
  const dynamic = dynamicRequires(output.code, output.map);
  if (dynamic.length > 0) throw compileError('The strategy loads modules at run time', dynamic);
  return Object.freeze({ code: wrapBundle(output.code), sourceMap: output.map });
}

/**
 * esbuild can only check imports of literal names; `require(name)`, `import(name)` and a bare
 * `require` compile to its `__require` helper, so each use of that helper is an error at the
 * source position the map gives.
 */
function dynamicRequires(code: string, map: string): StrategyDiagnostic[] {
  if (!/\b__require\b/.test(code)) return [];
  const lookup = createSourceMapLookup(map);
  const diagnostics: StrategyDiagnostic[] = [];
  const lines = code.split('\n');
  lines.forEach((text, index) => {
    for (const match of text.matchAll(/\b__require\b/g)) {
      if (/^\s*var __require\b/.test(text) && match.index === text.indexOf('__require')) continue;
      const position = lookup(index + 1, match.index);
      if (position?.source !== STRATEGY_SOURCE) continue;
      diagnostics.push({
        line: position.line,
        column: position.column + 1,
        message:
          'require() and import() are not available: strategies run sandboxed without modules; everything they can use is on ctx',
      });
    }
  });
  return diagnostics.length > 0
    ? diagnostics
    : [{ line: 1, column: 1, message: 'require() and import() are not available: strategies run sandboxed without modules' }];
}
