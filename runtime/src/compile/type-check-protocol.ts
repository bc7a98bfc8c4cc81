import type { StrategyDiagnostic } from './compiled-strategy.ts';

export interface TypeCheckResult {
  /** Type errors of the source, first ones first (at most 50). */
  diagnostics: StrategyDiagnostic[];
  /** How many there were in all. */
  total: number;
}

/** A source for the type-check thread to check, abandoned once it has used `budgetMs` of the thread's CPU time. */
export interface CheckRequest {
  id: number;
  source: string;
  budgetMs: number;
}

/**
 * The thread's messages about a request: that it started checking it (requests queue behind each
 * other), then the result, or that the check ran past its budget, or why it failed.
 */
export type CheckReply =
  | { id: number; started: true }
  | { id: number; result: TypeCheckResult }
  | { id: number; timeout: true }
  | { id: number; error: string };
