import type { ComputeService } from '@nautilus/sdk';
import { factorCovariance } from './covariance-factor.ts';
import { distributionText, estimateMoments, horizonText } from './moment-estimates.ts';
import { monteCarloVar } from './monte-carlo-var.ts';
import { standaloneParametricVar } from './parametric-var.ts';
import { requireTail } from './tail-count.ts';
import type { VarMethod } from './var-method.ts';

/**
 * Monte Carlo VaR/ES on the host's compute service. The covariance is factored with a
 * semidefinite Cholesky, so perfectly correlated assets simulate instead of failing. Standalone
 * VaR uses the closed form of the same distribution (what a one-asset simulation converges to).
 */
export function monteCarloMethod(compute: ComputeService): VarMethod {
  return {
    id: 'montecarlo',
    name: 'Monte Carlo VaR',
    returnsRead: (settings) => settings.lookback,
    async estimate(window, settings, signal) {
      // The paths come from moments of the returns: no more tail evidence than 1/(1 - c) returns hold.
      requireTail(settings.confidence, window.rows.length, 'Monte Carlo VaR');
      const moments = estimateMoments(window.rows, settings);
      const factor = factorCovariance(moments.covariance, window.assets);
      const result = await monteCarloVar(
        compute,
        {
          factor,
          exposures: window.exposures,
          mean: moments.mean,
          confidence: settings.confidence,
          horizonDays: settings.horizonDays,
          paths: settings.paths,
          seed: settings.seed,
          distribution: settings.distribution,
          backend: settings.backend,
        },
        signal,
      );
      const simulated = result.backend !== undefined;
      const notes = [
        simulated
          ? `Monte Carlo ${distributionText(settings)}, ${settings.paths} paths (seed ${settings.seed}) on ${result.backend}: ` +
            `${moments.description}; ${horizonText(settings)}.`
          : 'The portfolio has no exposure: nothing was simulated.',
        'Component VaR is each position’s mean loss over the tail paths scaled by VaR/ES (an ES-shaped split of VaR).',
        'Standalone VaR uses the closed form of the same distribution.',
      ];
      if (result.fallbackReason) notes.push(`Ran on the CPU: ${result.fallbackReason}.`);
      return {
        var: result.var,
        es: result.es,
        marginal: result.marginal,
        standalone: (value, asset) =>
          standaloneParametricVar(value, moments.covariance[asset]![asset]!, moments.mean[asset]!, settings),
        observations: window.rows.length,
        notes,
        paths: simulated ? settings.paths : 0,
        ...(result.backend === undefined ? {} : { backend: result.backend }),
        standardError: result.standardError,
      };
    },
  };
}
