import { historicalVar, standaloneHistoricalVar } from './historical-var.ts';
import { compoundReturns } from './returns.ts';
import type { VarMethod } from './var-method.ts';

/**
 * Historical simulation. Over h days it scales the one-day figures by sqrt(h) unless
 * `horizonMethod: 'overlapping'` asks for `lookback` overlapping h-day returns, which read h - 1
 * more daily returns and are serially correlated (h - 1 days shared between neighbours).
 */
export const historicalMethod: VarMethod = {
  id: 'historical',
  name: 'Historical VaR',
  returnsRead: (settings) => settings.lookback + (settings.horizonMethod === 'overlapping' ? settings.horizonDays - 1 : 0),
  async estimate(window, settings) {
    const overlapping = settings.horizonMethod === 'overlapping' && settings.horizonDays > 1;
    const scenarios = overlapping ? compoundReturns(window.rows, settings.horizonDays) : window.rows;
    const scale = overlapping ? 1 : Math.sqrt(settings.horizonDays);
    const result = historicalVar({ scenarios, exposures: window.exposures, confidence: settings.confidence, scale });
    const horizon =
      settings.horizonDays === 1
        ? 'one-day horizon'
        : overlapping
          ? `${scenarios.length} overlapping ${settings.horizonDays}-day returns`
          : `one-day figures scaled to ${settings.horizonDays} days by sqrt(${settings.horizonDays})`;
    const columns: number[][] = window.assets.map((_, asset) => scenarios.map((row) => row[asset]!));
    return {
      var: result.var,
      es: result.es,
      marginal: result.marginal,
      standalone: (value, asset) => standaloneHistoricalVar(value, columns[asset]!, settings.confidence, scale),
      observations: scenarios.length,
      notes: [
        `Historical simulation over ${scenarios.length} scenarios: VaR is the ${ordinal(result.tailCount)} worst P&L ` +
          `(k = ceil((1 - c)·T)), ES the mean of the ${result.tailCount} worst; ${horizon}.`,
        'Component VaR is each position’s P&L on that single VaR scenario, so the components add up to VaR exactly.',
      ],
    };
  },
};

function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
}
