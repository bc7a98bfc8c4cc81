import { compileStrategy, describeStrategy, typeCheckStrategy } from '@nautilus/runtime';
import { isNautilusError, NautilusError, type ParamSpecs } from '@nautilus/sdk';

/** What a strategy file declares, once it is known to compile and load. */
export interface CheckedSource {
  name: string | null;
  description: string | null;
  params: ParamSpecs;
  /**
   * Type errors against the sdk's strategy API: 0 for a source that type-checks, null when a draft's
   * check could not run (too large, too slow). Only a draft is stored with any.
   */
  typeErrors: number | null;
}

/**
 * Compiles the source, type-checks it against the sdk's strategy API and loads it in a throwaway
 * isolate. Throws the runtime's VALIDATION error (with `details.line`, `details.column` and
 * `details.diagnostics` for editor markers) for code that does not compile, has type errors (unless
 * `draft`: then they are counted, not refused), fails while loading, or declares its params badly;
 * nothing should be stored then.
 */
export async function checkStrategySource(source: string, options: { draft?: boolean } = {}): Promise<CheckedSource> {
  const compiled = await compileStrategy(source);
  let typeErrors: number | null;
  try {
    const checked = await typeCheckStrategy(source);
    typeErrors = checked.total;
    if (typeErrors > 0 && !options.draft) throw typeError(checked.diagnostics, typeErrors);
  } catch (error) {
    if (!options.draft || !isNautilusError(error) || error.code !== 'VALIDATION') throw error;
    typeErrors = null;
  }
  const { name, description, params } = await describeStrategy({ compiled });
  return { name, description, params, typeErrors };
}

/** The save's refusal: like a compile error, plus `details.typeErrors` (the count) and `details.draftAllowed`. */
function typeError(diagnostics: { line: number; column: number; message: string }[], total: number): NautilusError {
  const first = diagnostics[0]!;
  const more = total > 1 ? ` (and ${total - 1} more)` : '';
  return new NautilusError(
    'VALIDATION',
    `The strategy has type errors at line ${first.line}, column ${first.column}: ${first.message.replace(/\.$/, '')}${more}. Fix them, or save it as a draft (drafts cannot be deployed).`,
    {
      fields: diagnostics.map((item) => ({
        path: 'source',
        message: `line ${item.line}, column ${item.column}: ${item.message}`,
      })),
      details: { line: first.line, column: first.column, diagnostics, typeErrors: total, draftAllowed: true },
    },
  );
}
