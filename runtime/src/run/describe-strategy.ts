import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import type { StrategyDescription } from '../engine/index.ts';
import type { RunLimits } from './run-limits.ts';
import { createStrategyRunner } from './strategy-runner.ts';

/**
 * What a strategy file declares (name, description, params with types and defaults), read by loading
 * it in a throwaway isolate: for the Strategy Lab's params form and for sweeps. Throws like
 * createStrategyRunner for code that does not compile or load, or declares params badly.
 * @example const { params } = await describeStrategy({ source }); // { fast: { type: 'integer', default: 10, … } }
 */
export async function describeStrategy(options: {
  source?: string;
  compiled?: CompiledStrategy;
  limits?: Partial<RunLimits>;
}): Promise<StrategyDescription> {
  const runner = await createStrategyRunner({ ...options, limits: { batchTimeoutMs: 2_000, ...options.limits } });
  runner.dispose();
  return runner.strategy;
}
