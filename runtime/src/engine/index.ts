// The engine's entry: what the host imports directly and what is bundled into the isolate. Pure
// TypeScript, no Node or host APIs.
export { type CreateEngineOptions, createEngine } from './engine.ts';
export {
  BAR_COLUMNS,
  type BatchOutput,
  type Engine,
  type EngineLimits,
  type EngineStartOptions,
  type RunCounters,
  type StrategyDescription,
  type StrategyFactory,
  type StrategyFailure,
  type StrategyScope,
} from './engine-types.ts';
export type { TradeStats } from './round-trips.ts';
