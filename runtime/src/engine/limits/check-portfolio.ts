import type { LimitFinding } from '@nautilus/sdk';
import { accountFinding, accountWhy, levelOf, measureAccount, thresholdOf } from './account-measures.ts';
import type { CompiledLimits } from './compile-limits.ts';
import type { CheckContext, PortfolioState } from './pre-trade-types.ts';

const measures = new Float64Array(4);

/**
 * The limits market moves can breach (maxDailyLoss, maxDrawdown, maxLeverage, maxVar), measured on
 * the positions as held: one finding per limit above its warn or hard threshold, [] when all are
 * within. What a run evaluates at every bar's close; a server can call it on every tick.
 */
export function checkPortfolio(state: PortfolioState, limits: CompiledLimits, context: CheckContext): LimitFinding[] {
  measureAccount(state, limits, context.var, measures);
  const findings: LimitFinding[] = [];
  for (let index = 0; index < 4; index++) {
    const threshold = thresholdOf(limits, index);
    if (threshold === null) continue;
    const value = measures[index]!;
    const level = levelOf(value, threshold);
    if (level === 0) continue;
    const why = Number.isNaN(value) ? accountWhy(limits, index, state, context.var) : '';
    findings.push(accountFinding(limits, index, level === 2 ? 'hard' : 'warn', value, why));
  }
  return findings;
}
