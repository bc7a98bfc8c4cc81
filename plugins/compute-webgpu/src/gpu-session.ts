import { type KernelGpu, NautilusError } from '@nautilus/sdk';

// GPUBufferUsage and GPUMapMode by value: the plugin is handed a device, not the WebGPU globals.
const MAP_READ = 0x0001;
const COPY_SRC = 0x0004;
const COPY_DST = 0x0008;
const UNIFORM = 0x0040;
const STORAGE = 0x0080;

type Binding = GPUBuffer;

/** One kernel run's use of the device: its buffers (destroyed at the end) and its queued work. */
export interface GpuSession {
  readonly device: GPUDevice;
  /** A storage buffer holding `data`, or `size` zeroed bytes. */
  storage(label: string, data: Float32Array | Uint32Array | number): GPUBuffer;
  /** A uniform buffer holding `data` (a struct laid out by the caller). */
  uniform(label: string, data: ArrayBuffer): GPUBuffer;
  /** Overwrites a buffer before the next submitted work. */
  write(buffer: GPUBuffer, data: ArrayBuffer | Float32Array | Uint32Array): void;
  /** Queues one dispatch of `pipeline` with `bindings` at @group(0) @binding(0…); `[x, y]` for a 2-D grid. */
  dispatch(pipeline: GPUComputePipeline, bindings: Binding[], workgroups: number | [number, number]): void;
  /** Submits the queued work, waits for the GPU, then throws if the run was aborted. */
  settle(): Promise<void>;
  /** Submits the queued work and copies each buffer's first `bytes` back. */
  read(...sources: { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer[]>;
}

const queues = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `work` with the device to itself (runs on one device queue up), inside error scopes: a
 * validation or out-of-memory error anywhere fails the run instead of returning zeros.
 */
export async function withGpuSession<T>(
  gpu: KernelGpu,
  signal: AbortSignal,
  work: (session: GpuSession) => Promise<T>,
): Promise<T> {
  const device = gpu.device as GPUDevice;
  const previous = queues.get(device) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => runSession(device, gpu.backend, signal, work));
  queues.set(device, run);
  return run;
}

async function runSession<T>(device: GPUDevice, backend: string, signal: AbortSignal, work: (session: GpuSession) => Promise<T>) {
  signal.throwIfAborted();
  const owned: GPUBuffer[] = [];
  let encoder: GPUCommandEncoder | undefined;
  const pending = () => (encoder ??= device.createCommandEncoder());
  const submit = () => {
    if (encoder) device.queue.submit([encoder.finish()]);
    encoder = undefined;
  };
  const create = (label: string, size: number, usage: number) => {
    const buffer = device.createBuffer({ label, size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    owned.push(buffer);
    return buffer;
  };
  const session: GpuSession = {
    device,
    storage(label, data) {
      const buffer = create(label, typeof data === 'number' ? data : data.byteLength, STORAGE | COPY_SRC | COPY_DST);
      if (typeof data !== 'number') device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    },
    uniform(label, data) {
      const buffer = create(label, data.byteLength, UNIFORM | COPY_DST);
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    },
    write(buffer, data) {
      submit();
      device.queue.writeBuffer(buffer, 0, data);
    },
    dispatch(pipeline, bindings, workgroups) {
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: bindings.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const pass = pending().beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      if (typeof workgroups === 'number') pass.dispatchWorkgroups(workgroups);
      else pass.dispatchWorkgroups(workgroups[0], workgroups[1]);
      pass.end();
    },
    async settle() {
      submit();
      await device.queue.onSubmittedWorkDone();
      signal.throwIfAborted();
    },
    async read(...sources) {
      const staging = sources.map(({ buffer, bytes }) => {
        const copy = create(`${buffer.label} (read back)`, bytes, MAP_READ | COPY_DST);
        pending().copyBufferToBuffer(buffer, 0, copy, 0, Math.ceil(bytes / 4) * 4);
        return copy;
      });
      submit();
      await Promise.all(staging.map((copy) => copy.mapAsync(MAP_READ)));
      signal.throwIfAborted();
      return staging.map((copy, index) => {
        const data = copy.getMappedRange().slice(0, sources[index]!.bytes);
        copy.unmap();
        return data;
      });
    },
  };
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let scopesOpen = true;
  const closeScopes = async () => {
    if (!scopesOpen) return null;
    scopesOpen = false;
    const validation = await device.popErrorScope();
    const memory = await device.popErrorScope();
    return validation ?? memory;
  };
  try {
    const result = await work(session);
    const error = await closeScopes();
    if (error) throw new NautilusError('INTERNAL', `The GPU (${backend}) rejected the kernel's work: ${error.message}`);
    return result;
  } finally {
    await closeScopes().catch(() => null);
    for (const buffer of owned) buffer.destroy();
  }
}

const pipelines = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/** Compiles a WGSL compute shader (entry point `main`) once per device; INTERNAL with the compiler's messages if it fails. */
export function computePipeline(device: GPUDevice, name: string, code: string): Promise<GPUComputePipeline> {
  let cache = pipelines.get(device);
  if (!cache) {
    cache = new Map();
    pipelines.set(device, cache);
  }
  let pipeline = cache.get(name);
  if (!pipeline) {
    const module = device.createShaderModule({ label: name, code });
    pipeline = device
      .createComputePipelineAsync({ label: name, layout: 'auto', compute: { module, entryPoint: 'main' } })
      .catch(async (error: unknown) => {
        cache.delete(name);
        const messages = (await module.getCompilationInfo()).messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
        throw new NautilusError('INTERNAL', `WGSL shader ${name} failed to compile: ${messages.join('; ') || String(error)}`, {
          cause: error,
        });
      });
    cache.set(name, pipeline);
  }
  return pipeline;
}
