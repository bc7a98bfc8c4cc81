import { type ComputeKernel, isNautilusError, type KernelGpu } from '@nautilus/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createComputeService } from './compute-service.ts';
import { createWebGpuProvider } from './webgpu-provider.ts';

const provider = createWebGpuProvider({ mode: 'auto' });
const first = await provider.acquire();
// Under CI a machine without an adapter fails this file; elsewhere the GPU tests say why they skip.
if ('unavailable' in first && process.env.CI === 'true') {
  throw new Error(`CI=true requires a WebGPU adapter, and there is none: ${first.unavailable}`);
}
const skipReason = 'unavailable' in first ? ` (skipped: ${first.unavailable})` : '';
afterAll(() => provider.destroy());

/** y = 2·x, on the CPU and in WGSL: the smallest kernel that shows which backend ran. */
const doubling: ComputeKernel = {
  cpu: async (inputs) => ({ y: (inputs.x as Float64Array).map((value) => 2 * value) }),
  webgpu: {
    wgsl: {
      double: `
        @group(0) @binding(0) var<storage, read_write> values: array<f32>;
        @compute @workgroup_size(64)
        fn main(@builtin(global_invocation_id) id: vec3<u32>) {
          if (id.x < arrayLength(&values)) { values[id.x] = 2.0 * values[id.x]; }
        }`,
    },
    async run(gpu, inputs) {
      const device = gpu.device as GPUDevice;
      const values = Float32Array.from(inputs.x as Float64Array);
      // GPUBufferUsage STORAGE | COPY_SRC | COPY_DST, and MAP_READ | COPY_DST.
      const buffer = device.createBuffer({ size: values.byteLength, usage: 0x80 | 0x4 | 0x8 });
      const staging = device.createBuffer({ size: values.byteLength, usage: 0x1 | 0x8 });
      device.queue.writeBuffer(buffer, 0, values);
      const module = device.createShaderModule({ code: doubling.webgpu!.wgsl.double! });
      const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(
        0,
        device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer } }] }),
      );
      pass.dispatchWorkgroups(Math.ceil(values.length / 64));
      pass.end();
      encoder.copyBufferToBuffer(buffer, 0, staging, 0, values.byteLength);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(0x1);
      const y = Float64Array.from(new Float32Array(staging.getMappedRange()));
      staging.unmap();
      buffer.destroy();
      staging.destroy();
      return { y };
    },
  },
};

const x = Float64Array.from({ length: 1000 }, (_, index) => index / 4);

describe('createWebGpuProvider', () => {
  it('has no device with NAUTILUS_WEBGPU=off, and says so', async () => {
    const off = createWebGpuProvider({ mode: 'off' });
    expect(await off.acquire()).toEqual({ unavailable: 'disabled by NAUTILUS_WEBGPU=off' });
  });

  it('rejects an unknown NAUTILUS_WEBGPU, naming the variable', () => {
    expect(loadConfig({}).webgpu).toBe('auto');
    expect(loadConfig({ NAUTILUS_WEBGPU: 'opengles' }).webgpu).toBe('opengles');
    const error = (() => {
      try {
        loadConfig({ NAUTILUS_WEBGPU: 'vulkan' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isNautilusError(error) && error.fields).toEqual([
      { path: 'NAUTILUS_WEBGPU', message: "expected auto, off, opengles, default, got 'vulkan'" },
    ]);
  });

  describe.skipIf('unavailable' in first)(`on this machine's adapter${skipReason}`, () => {
    it('names the backend and the adapter, and hands every caller the same device', async () => {
      const gpu = first as KernelGpu;
      expect(gpu.backend).toMatch(/^webgpu-(vulkan|metal|d3d12|opengles|opengl)$/);
      expect(gpu.adapter.length).toBeGreaterThan(0);
      const [again, concurrent] = await Promise.all([provider.acquire(), provider.acquire()]);
      expect((again as KernelGpu).device).toBe(gpu.device);
      expect((concurrent as KernelGpu).device).toBe(gpu.device);
    });

    it('makes a new device after the old one is lost', async () => {
      const own = createWebGpuProvider({ mode: 'auto' });
      const before = (await own.acquire()) as KernelGpu;
      (before.device as GPUDevice).destroy();
      await (before.device as GPUDevice).lost;
      const after = (await own.acquire()) as KernelGpu;
      expect(after.device).not.toBe(before.device);
      await own.destroy();
    });

    it('lets the compute service run a kernel on the GPU in auto mode, and on the CPU when asked', async () => {
      const service = createComputeService({ findKernel: () => doubling, gpu: provider });
      const onGpu = await service.run('test/double', { x }, {});
      expect(onGpu.backend).toBe((first as KernelGpu).backend);
      expect(onGpu.adapter).toBe((first as KernelGpu).adapter);
      expect(onGpu.outputs.y).toEqual(x.map((value) => 2 * value));
      const onCpu = await service.run('test/double', { x }, {}, { backend: 'cpu' });
      expect(onCpu).toMatchObject({ backend: 'cpu', outputs: { y: x.map((value) => 2 * value) } });
      expect(onCpu.fallbackReason).toBeUndefined();
    });
  });

  it('falls back to the CPU with the reason when WebGPU is off, and refuses when WebGPU was required', async () => {
    const service = createComputeService({ findKernel: () => doubling, gpu: createWebGpuProvider({ mode: 'off' }) });
    const result = await service.run('test/double', { x }, {});
    expect(result).toMatchObject({ backend: 'cpu', fallbackReason: 'disabled by NAUTILUS_WEBGPU=off' });
    const error = await service.run('test/double', { x }, {}, { backend: 'webgpu' }).catch((caught: unknown) => caught);
    expect(isNautilusError(error) && error.code).toBe('COMPUTE_UNAVAILABLE');
  });
});
