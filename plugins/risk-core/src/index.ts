import { definePlugin } from '@nautilus/sdk';
import { historicalMethod } from './historical-model.ts';
import { manifest } from './manifest.ts';
import { monteCarloMethod } from './monte-carlo-model.ts';
import { parametricMethod } from './parametric-model.ts';
import { scenarioStressTest } from './stress-test.ts';
import { createVarModel } from './var-model.ts';

export { type AlignedPrices, alignPrices } from './align-prices.ts';
export { correlationFromCovariance, ewmaCovariance, meanReturns, sampleCovariance } from './covariance.ts';
export { assertPositiveDefinite, factorCovariance } from './covariance-factor.ts';
export { type KupiecResult, kupiecTest } from './kupiec-test.ts';
export { MC_VAR_KERNEL } from './monte-carlo-var.ts';
export { tailCount } from './tail-count.ts';
export { type TrafficLightZone, trafficLight } from './traffic-light.ts';

/** Portfolio VaR/ES (parametric, historical, Monte Carlo), VaR backtests and stress tests. */
export default definePlugin({
  manifest,
  setup(ctx) {
    return {
      riskModels: {
        parametric: createVarModel(parametricMethod),
        historical: createVarModel(historicalMethod),
        montecarlo: createVarModel(monteCarloMethod(ctx.compute)),
      },
      stressTests: { scenarios: scenarioStressTest },
    };
  },
});
