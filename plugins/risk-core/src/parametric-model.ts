import { distributionText, estimateMoments, horizonText } from './moment-estimates.ts';
import { parametricVar, standaloneParametricVar } from './parametric-var.ts';
import { requireTail } from './tail-count.ts';
import type { VarMethod } from './var-method.ts';

/** Variance-covariance VaR/ES (normal or Student-t) on the sample or EWMA covariance. */
export const parametricMethod: VarMethod = {
  id: 'parametric',
  name: 'Parametric VaR',
  returnsRead: (settings) => settings.lookback,
  async estimate(window, settings) {
    // As for historical VaR: fewer returns than 1/(1 - c) cannot show a tail that far out.
    requireTail(settings.confidence, window.rows.length, 'Parametric VaR');
    const moments = estimateMoments(window.rows, settings);
    const result = parametricVar({
      assets: window.assets,
      exposures: window.exposures,
      covariance: moments.covariance,
      mean: moments.mean,
      confidence: settings.confidence,
      horizonDays: settings.horizonDays,
      distribution: settings.distribution,
    });
    const notes = [`Parametric ${distributionText(settings)}: ${moments.description}; ${horizonText(settings)}.`];
    if (result.sigma === 0 && window.exposures.some((w) => w !== 0)) {
      notes.push('The portfolio P&L has zero variance over the lookback: VaR and ES reduce to minus the expected P&L.');
    }
    return {
      var: result.var,
      es: result.es,
      marginal: result.marginal,
      standalone: (value, asset) =>
        standaloneParametricVar(value, moments.covariance[asset]![asset]!, moments.mean[asset]!, settings),
      observations: window.rows.length,
      notes,
    };
  },
};
