import type { RiskModel } from '@nautilus/sdk';
import { alignmentReport, prepareRiskInputs, requireReturns } from './risk-inputs.ts';
import { backtestVar } from './var-backtest.ts';
import type { VarMethod } from './var-method.ts';
import { varResult } from './var-result.ts';
import { checkVarRequest } from './var-settings.ts';

/** A RiskModel from a VaR method: checks the request, aligns the histories, estimates, attributes, backtests. */
export function createVarModel(method: VarMethod): RiskModel {
  return {
    async compute(request, signal) {
      signal.throwIfAborted();
      const settings = checkVarRequest(request);
      const inputs = prepareRiskInputs(request.positions, request.prices);
      const read = method.returnsRead(settings);
      requireReturns(inputs, read, `${method.name} with lookback ${settings.lookback}`);
      const rows = inputs.history.rows.slice(-read);
      const estimate = await method.estimate({ assets: inputs.assets, exposures: inputs.exposures, rows }, settings, signal);
      signal.throwIfAborted();
      return varResult(method.id, settings, inputs, estimate, alignmentReport(inputs, read, estimate.observations));
    },
    backtest: (request, signal) => backtestVar(method, request, signal),
  };
}
