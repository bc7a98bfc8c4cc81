import type { AccountState } from '@nautilus/sdk';
import type { BatchOutput, EngineStartOptions, StrategyDescription, StrategyFailure } from '../engine/index.ts';

/** Resources a run has used so far. */
export interface RunUsage {
  /** CPU time of the strategy's engine: the isolate's own clock, or the host process's in a host run. */
  cpuMs: number;
  /** Wall time spent inside engine calls. */
  wallMs: number;
  /** The isolate's heap (null in a host run). */
  heap: { usedBytes: number; totalBytes: number; externalBytes: number; limitBytes: number } | null;
}

/**
 * One loaded strategy and its engine, in the host process or in an isolate: the runner drives both
 * through this interface, so a host run and a sandboxed run go through identical steps.
 */
export interface StrategySession {
  readonly sandboxed: boolean;
  describe(): Promise<StrategyDescription | StrategyFailure>;
  start(options: EngineStartOptions): Promise<BatchOutput>;
  /** `book` (encodeStrategyBook) becomes `ctx.book` from these bars on. */
  push(bars: Float64Array, count: number, book?: Float64Array): Promise<BatchOutput>;
  stop(): Promise<BatchOutput>;
  account(): Promise<AccountState>;
  usage(): RunUsage;
  dispose(): void;
}
