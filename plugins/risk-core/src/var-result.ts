import type { AlignmentReport, VarResult } from '@nautilus/sdk';
import type { RiskInputs } from './risk-inputs.ts';
import { alignmentNote } from './risk-inputs.ts';
import type { VarEstimate } from './var-method.ts';
import type { VarSettings } from './var-settings.ts';

/** Turns -0 into 0, so a zero position reports 0 and not -0. */
const plain = (value: number): number => value + 0;

/** Builds a VarResult: per-position attribution from the estimate's per-asset marginals, percentages of gross value. */
export function varResult(
  method: string,
  settings: VarSettings,
  inputs: RiskInputs,
  estimate: VarEstimate,
  alignment: AlignmentReport,
): VarResult {
  const { grossValue } = inputs;
  const valueAtRisk = plain(estimate.var);
  const positions = inputs.positions.map((position) => {
    const marginalVar = plain(estimate.marginal[position.asset]!);
    const componentVar = plain(position.value * marginalVar);
    return {
      symbol: position.symbol,
      quantity: position.quantity,
      price: position.price,
      value: position.value,
      standaloneVar: plain(estimate.standalone(position.value, position.asset)),
      marginalVar,
      componentVar,
      componentVarShare: valueAtRisk !== 0 ? componentVar / valueAtRisk : 0,
    };
  });
  const notes = [...estimate.notes, ...alignmentNote(inputs)];
  const idle = positions.filter((position) => position.value === 0).map((position) => position.symbol);
  if (idle.length > 0) notes.push(`Zero positions carry no risk: ${[...new Set(idle)].join(', ')}.`);
  if (valueAtRisk < 0)
    notes.push('VaR is negative: at this confidence the model expects a gain (the mean return outweighs the risk).');
  return {
    method,
    confidence: settings.confidence,
    horizonDays: settings.horizonDays,
    grossValue,
    netValue: inputs.netValue,
    var: valueAtRisk,
    es: plain(estimate.es),
    varPct: grossValue > 0 ? valueAtRisk / grossValue : 0,
    esPct: grossValue > 0 ? plain(estimate.es) / grossValue : 0,
    positions,
    alignment,
    ...(estimate.paths === undefined ? {} : { paths: estimate.paths }),
    ...(estimate.backend === undefined ? {} : { backend: estimate.backend }),
    ...(estimate.standardError === undefined ? {} : { standardError: estimate.standardError }),
    notes,
  };
}
