import type { PluginManifest } from '@nautilus/sdk';

export const manifest: PluginManifest = {
  id: 'nautilus.risk-core',
  name: 'Risk core',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Portfolio Value at Risk and Expected Shortfall (parametric normal or Student-t, historical simulation, Monte Carlo ' +
    'on the nautilus.compute-webgpu kernel) with component, marginal and standalone VaR per position; rolling VaR ' +
    'backtests (Kupiec, Basel traffic light); historical and hypothetical stress tests.',
  permissions: { network: [], secrets: [] },
  contributes: {
    riskModels: [
      {
        id: 'parametric',
        name: 'Parametric VaR',
        description: 'Variance-covariance VaR/ES, normal or Student-t, on the sample or EWMA covariance; sqrt(h) scaling.',
        measures: ['VaR', 'ES'],
      },
      {
        id: 'historical',
        name: 'Historical VaR',
        description:
          'Historical simulation: the k-th worst P&L with k = ceil((1 - c)·T); sqrt(h) scaling or overlapping h-day returns.',
        measures: ['VaR', 'ES'],
      },
      {
        id: 'montecarlo',
        name: 'Monte Carlo VaR',
        description: 'Simulated P&L paths (normal or Student-t) on the GPU when one is available; needs nautilus.compute-webgpu.',
        measures: ['VaR', 'ES'],
      },
    ],
    stressTests: [
      {
        id: 'scenarios',
        name: 'Stress scenarios',
        description: 'Replays a past window, or applies hypothetical shocks by symbol or asset class.',
      },
    ],
  },
};
