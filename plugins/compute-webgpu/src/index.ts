import { definePlugin } from '@nautilus/sdk';
import { covarianceCpu } from './covariance-cpu.ts';
import { covarianceWebGpu } from './covariance-webgpu.ts';
import { covarianceWgsl } from './covariance-wgsl.ts';
import { manifest } from './manifest.ts';
import { mcVarCpu } from './mc-var-cpu.ts';
import { mcVarWebGpu } from './mc-var-webgpu.ts';
import { mcVarWgsl } from './mc-var-wgsl.ts';

/**
 * Compute kernels run through the host's `ctx.compute`: `mc-var` (Monte Carlo VaR/ES) and
 * `covariance`, each on the GPU when the host has an adapter and on the CPU otherwise.
 * @example await ctx.compute.run('nautilus.compute-webgpu/mc-var', { cholesky, exposures, mean }, { assets: 10, paths: 1_000_000, confidence: 0.99 })
 */
export default definePlugin({
  manifest,
  setup() {
    return {
      computeKernels: {
        'mc-var': { cpu: mcVarCpu, webgpu: { wgsl: mcVarWgsl, run: mcVarWebGpu } },
        covariance: { cpu: covarianceCpu, webgpu: { wgsl: covarianceWgsl, run: covarianceWebGpu } },
      },
    };
  },
});
