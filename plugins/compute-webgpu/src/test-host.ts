// A minimal stand-in for the host, for this package's tests and bench: the real host is tested in core.
import type { ComputeKernel, PluginContext } from '@nautilus/sdk';
import plugin from './index.ts';

const silent = () => {};

/** The smallest PluginContext the plugin can be set up with; its kernels use none of it. */
export const fakeContext: PluginContext = {
  pluginId: 'nautilus.compute-webgpu',
  logger: { debug: silent, info: silent, warn: silent, error: silent },
  config: {},
  secrets: { get: () => undefined },
  fetch: () => Promise.reject(new Error('the compute kernels must not fetch')),
  cache: { get: async () => undefined, set: async () => {}, delete: async () => {} },
  bus: { publish: async () => {}, subscribe: async () => async () => {} },
  compute: { run: () => Promise.reject(new Error('the compute kernels call no other kernels')) },
};

/** Sets the plugin up and returns its kernels by id, as the host would hold them. */
export async function startKernels(): Promise<Record<string, ComputeKernel>> {
  return (await plugin.setup(fakeContext)).computeKernels ?? {};
}

/** Its mc-var and covariance kernels, from one setup. */
export const kernels = await startKernels();
export const mcVar = kernels['mc-var']!;
export const covariance = kernels.covariance!;
