import type { StrategyDiagnostic } from './compiled-strategy.ts';

export interface TypeCheckResult {
  /** Type errors of the source, first ones first (at most 50). */
  diagnostics: StrategyDiagnostic[];
  /** How many there were in all. */
  total: number;
}

/** A source for the type-check thread to check, abandoned past `deadline` (epoch ms). */
export interface CheckRequest {
  id: number;
  source: string;
  deadline: number;
}

/** The thread's answer: the result, or that the check ran past its deadline, or why it failed. */
export type CheckReply = { id: number; result: TypeCheckResult } | { id: number; timeout: true } | { id: number; error: string };
