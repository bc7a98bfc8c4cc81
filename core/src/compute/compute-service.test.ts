import { type ComputeKernel, isNautilusError, NautilusError } from '@nautilus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { computeActivity, createComputeService } from './compute-service.ts';
import { createWebGpuProvider } from './webgpu-provider.ts';

const provider = createWebGpuProvider({ mode: 'auto' });
afterAll(() => provider.destroy());
const x = Float64Array.of(1, 2, 3);

/** A kernel whose GPU side fails the way `failure` says; its CPU side doubles x. */
const failingOnGpu = (failure: () => Error): ComputeKernel => ({
  cpu: async (inputs) => ({ y: (inputs.x as Float64Array).map((value) => 2 * value) }),
  webgpu: {
    wgsl: {},
    run: async () => {
      throw failure();
    },
  },
});

describe('compute service when the GPU run itself fails', async () => {
  const gpu = await provider.acquire();
  // Where no adapter exists the kernel never reaches the GPU; webgpu-provider.test.ts covers that case.
  describe.skipIf(!('device' in gpu))('with an adapter', () => {
    it("reruns on the CPU in 'auto' and says why", async () => {
      const service = createComputeService({ findKernel: () => failingOnGpu(() => new Error('device lost')), gpu: provider });
      const result = await service.run('test/failing', { x }, {});
      expect(result).toMatchObject({ backend: 'cpu', fallbackReason: 'the WebGPU run failed (device lost)' });
      expect(Array.from(result.outputs.y as Float64Array)).toEqual([2, 4, 6]);
    });

    it('lets the failure through when WebGPU was required, or when the input was at fault', async () => {
      const lost = createComputeService({ findKernel: () => failingOnGpu(() => new Error('device lost')), gpu: provider });
      await expect(lost.run('test/failing', { x }, {}, { backend: 'webgpu' })).rejects.toThrow('device lost');
      const invalid = createComputeService({
        findKernel: () => failingOnGpu(() => NautilusError.validation('kernel', [{ path: 'inputs.x', message: 'too short' }])),
        gpu: provider,
      });
      const error = await invalid.run('test/failing', { x }, {}).catch((caught: unknown) => caught);
      expect(isNautilusError(error) && error.code).toBe('VALIDATION');
    });
  });
});

describe('compute service activity', () => {
  it('counts runs in progress and started, failed and aborted ones included', async () => {
    let release = () => {};
    const waiting: ComputeKernel = {
      cpu: (_inputs, _params, signal) =>
        new Promise((resolve, reject) => {
          release = () => resolve({ y: x });
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    };
    const service = createComputeService({ findKernel: () => waiting, gpu: provider });
    const activity = computeActivity(service)!;
    expect(activity).toEqual({ active: 0, started: 0 });
    const first = service.run('test/waiting', { x }, {}, { backend: 'cpu' });
    await Promise.resolve();
    expect(activity).toEqual({ active: 1, started: 1 });
    release();
    await first;
    const controller = new AbortController();
    const second = service.run('test/waiting', { x }, {}, { backend: 'cpu', signal: controller.signal });
    expect(activity).toEqual({ active: 1, started: 2 });
    controller.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    const missing = createComputeService({ findKernel: () => undefined, gpu: provider });
    await expect(missing.run('test/none', {}, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(computeActivity(missing)).toEqual({ active: 0, started: 1 });
    expect(activity).toEqual({ active: 0, started: 2 });
  });
});
