import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../db/tables.ts';
import type { RiskCapsByRole } from './risk-caps.ts';

/** Who asked, what they may run, and the signal that fires when their request is gone. */
export interface RiskCaller {
  role: Role;
  /** The logged-in user, whose grants decide which portfolios they may see. */
  userId?: string;
  caps: RiskCapsByRole;
  /** Aborts when the client cancels the request or disconnects. */
  signal?: AbortSignal | undefined;
}

const caller = new AsyncLocalStorage<RiskCaller>();

/**
 * Runs `work` (a logged-in request's procedure) as `who`. Risk figures reach the caller through
 * `nautilus.core/risk`, a data source like any other: the plugin host hands a data source only its
 * params and a timeout signal, never who is asking. Core's own risk source reads the caller from here
 * to apply their role's caps and to stop when their request is aborted.
 */
export function runAsRiskCaller<T>(who: RiskCaller, work: () => T): T {
  return caller.run(who, work);
}

/** The caller of the request being served, if any (none for work the server starts by itself). */
export function currentRiskCaller(): RiskCaller | undefined {
  return caller.getStore();
}
