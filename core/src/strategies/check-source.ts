import { compileStrategy, describeStrategy } from '@nautilus/runtime';
import type { ParamSpecs } from '@nautilus/sdk';

/** What a strategy file declares, once it is known to compile and load. */
export interface CheckedSource {
  name: string | null;
  description: string | null;
  params: ParamSpecs;
}

/**
 * Compiles the source and loads it in a throwaway isolate. Throws the runtime's VALIDATION error
 * (with `details.line`, `details.column` and `details.diagnostics` for editor markers) for code that
 * does not compile, fails while loading, or declares its params badly; nothing should be stored then.
 */
export async function checkStrategySource(source: string): Promise<CheckedSource> {
  const compiled = await compileStrategy(source);
  const { name, description, params } = await describeStrategy({ compiled });
  return { name, description, params };
}
