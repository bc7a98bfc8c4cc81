// A minimal stand-in for the host, for this package's tests: the real host is tested in core.
import type { ComputeKernel, ComputeService, PluginContext, RiskModel, StressTest } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import plugin from './index.ts';

const silent = () => {};

/** A compute service over the given kernels (by 'pluginId/kernelId'), always on the CPU, NOT_FOUND for others. */
export function cpuComputeService(kernels: Record<string, ComputeKernel>): ComputeService {
  return {
    async run(kernel, inputs, params, options = {}) {
      const implementation = kernels[kernel];
      if (!implementation) throw new NautilusError('NOT_FOUND', `No loaded plugin contributes the kernel ${kernel}.`);
      const started = performance.now();
      const outputs = await implementation.cpu(inputs, params, options.signal ?? new AbortController().signal);
      return { outputs, backend: 'cpu', elapsedMs: performance.now() - started };
    },
  };
}

/** The smallest PluginContext the plugin can be set up with; risk-core uses only `compute`. */
export function fakeContext(compute: ComputeService = cpuComputeService({})): PluginContext {
  return {
    pluginId: 'nautilus.risk-core',
    logger: { debug: silent, info: silent, warn: silent, error: silent },
    config: {},
    secrets: { get: () => undefined },
    fetch: () => Promise.reject(new Error('risk-core must not fetch')),
    cache: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    bus: { publish: async () => {}, subscribe: async () => async () => {} },
    compute,
  };
}

/** Sets the plugin up with a host whose compute service holds `kernels`, and returns its contributions. */
export async function startPlugin(
  kernels: Record<string, ComputeKernel> = {},
): Promise<{ riskModels: Record<string, RiskModel>; stressTests: Record<string, StressTest> }> {
  const contributions = await plugin.setup(fakeContext(cpuComputeService(kernels)));
  return { riskModels: contributions.riskModels ?? {}, stressTests: contributions.stressTests ?? {} };
}

/** The signal of a request nobody cancels. */
export const openSignal = new AbortController().signal;
