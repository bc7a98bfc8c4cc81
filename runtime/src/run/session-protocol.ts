import type { FieldIssue } from '@nautilus/sdk';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import type { RunLimits } from './run-limits.ts';
import type { RunUsage } from './strategy-session.ts';

/** The StrategySession calls a session process answers, one at a time. */
export type SessionMethod = 'describe' | 'start' | 'push' | 'stop' | 'account';

/** What the server sends a session process (over IPC, structured clone: typed arrays stay typed arrays). */
export type ToSessionProcess =
  /** Loads a strategy into a fresh isolate; `bundle` (the engine) comes with the first open only, the process keeps it. */
  | { kind: 'open'; id: number; bundle?: string; compiled: CompiledStrategy; seed: number; limits: RunLimits }
  | { kind: 'call'; id: number; method: SessionMethod; args: unknown[] }
  /** Disposes the strategy's isolate: the process waits for the next open. No answer. */
  | { kind: 'close' };

/** A NautilusError as it crosses the process boundary (its cause stays behind: only its message comes along). */
export interface CarriedError {
  code: string;
  message: string;
  fields: FieldIssue[];
  details: Record<string, unknown>;
  cause?: string;
}

/** What a session process sends back: that it is ready for a strategy, or the answer to one message. */
export type FromSessionProcess =
  | { kind: 'ready' }
  | { kind: 'answer'; id: number; ok: true; value: unknown; usage: RunUsage }
  | { kind: 'answer'; id: number; ok: false; error: CarriedError; usage: RunUsage | undefined };
