import type { PluginManifest } from '@nautilus/sdk';

export const manifest: PluginManifest = {
  id: 'nautilus.compute-webgpu',
  name: 'GPU compute kernels',
  version: '0.1.0',
  engine: '^0.1.0',
  description:
    'Numeric kernels with a CPU implementation (f64) and a WebGPU one (WGSL, f32) that the host runs on its GPU ' +
    'when it has one: Monte Carlo VaR/ES of a portfolio, and a covariance/correlation matrix (sample or EWMA).',
  permissions: { network: [], secrets: [] },
  contributes: {
    computeKernels: [
      {
        id: 'mc-var',
        name: 'Monte Carlo VaR and ES',
        description:
          'Simulates one-day returns N(mean, L·Lᵀ) or a unit-variance multivariate Student-t (params.dof ≥ 3), scaled to ' +
          'horizonDays, and returns VaR (the k-th worst loss, k = ⌈(1 − confidence)·paths⌉) and ES (mean of the k worst) as ' +
          'positive losses, the standard error of VaR, each asset’s share of ES, and the P&L mean and standard deviation. ' +
          'Params: assets (1–64), paths (1–50,000,000), confidence ([0.5, 1)), seed (u32, default 0), horizonDays (≥ 1, default 1), dof (0 or 3–200, default 0). ' +
          'The CPU and GPU draw the same random numbers, so their results agree to float precision.',
        inputs: { cholesky: 'f64', exposures: 'f64', mean: 'f64' },
        outputs: { var: 'f64', es: 'f64', varStdError: 'f64', componentEs: 'f64', pnlMoments: 'f64' },
      },
      {
        id: 'covariance',
        name: 'Covariance and correlation',
        description:
          'Covariance, correlation and column means of T×n returns (row-major). lambda = 0: sample covariance (divides by T − 1); ' +
          'lambda in (0, 1): RiskMetrics EWMA, zero-mean, seeded with the first observation’s outer product. ' +
          'Params: observations (T), assets (n, 1–1024), lambda (default 0); T·n at most 16,777,216.',
        inputs: { returns: 'f64' },
        outputs: { covariance: 'f64', correlation: 'f64', mean: 'f64' },
      },
    ],
  },
};
