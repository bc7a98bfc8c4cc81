import { checkLimitSet, type LimitSet, NautilusError } from '@nautilus/sdk';
import { type CompiledLimits, compileLimits } from '../engine/limits/compile-limits.ts';

/**
 * Checks a limit set (a VALIDATION NautilusError names each bad field, e.g. `limits[2].hard: must be
 * > warn (500), got 400`) and lays it out for `checkOrder` and `checkPortfolio`. Compile once per
 * limit set and reuse the result: it holds prepared time zones and VaR inputs.
 * @example const limits = compileLimitSet({ limits: [{ kind: 'maxPosition', hard: 1_000 }], onHardBreach: 'deny' });
 */
export function compileLimitSet(limitSet: LimitSet): CompiledLimits {
  const issues = checkLimitSet(limitSet);
  if (issues.length > 0) throw NautilusError.validation('limit set', issues);
  return compileLimits(limitSet);
}
