import { describe, expect, it } from 'vitest';
import plugin from './index.ts';
import { startKernels } from './test-host.ts';

describe('compute-webgpu plugin', () => {
  it('declares itself as nautilus.compute-webgpu, needing no network or secrets', () => {
    expect(plugin.manifest).toMatchObject({ id: 'nautilus.compute-webgpu', version: '0.1.0', engine: '^0.1.0' });
    expect(plugin.manifest.permissions).toEqual({ network: [], secrets: [] });
  });

  it('implements every kernel it declares on the CPU and in WGSL, and nothing else', async () => {
    const declared = plugin.manifest.contributes.computeKernels?.map((kernel) => kernel.id).sort();
    const kernels = await startKernels();
    expect(declared).toEqual(['covariance', 'mc-var']);
    expect(Object.keys(kernels).sort()).toEqual(declared);
    for (const kernel of Object.values(kernels)) {
      expect(typeof kernel.cpu).toBe('function');
      expect(typeof kernel.webgpu?.run).toBe('function');
      for (const source of Object.values(kernel.webgpu?.wgsl ?? {})) expect(source).toContain('@compute');
    }
  });
});
