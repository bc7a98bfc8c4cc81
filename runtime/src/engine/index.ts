// The engine's entry: what the host imports directly and what is bundled into the isolate. Pure
// TypeScript, no Node or host APIs.
export { copyOut, type OutputCaps } from './copy-out.ts';
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
export {
  type BatchAnswer,
  createIsolateEngine,
  type EncodedBatch,
  type IsolateAnswer,
  type IsolateEngine,
  type IsolateOutputCaps,
} from './isolate-engine.ts';
export type { TradeStats } from './round-trips.ts';
export { decodeStrategyBook, encodeStrategyBook, STRATEGY_BOOK_LEVELS } from './strategy-book.ts';
