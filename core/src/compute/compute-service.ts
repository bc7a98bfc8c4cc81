import {
  type ComputeBackendChoice,
  type ComputeKernel,
  type ComputeRunResult,
  type ComputeService,
  isNautilusError,
  type KernelBuffers,
  type KernelGpu,
  type KernelParams,
  NautilusError,
} from '@nautilus/sdk';

/** Hands out the host's WebGPU device, or says why there is none. */
export interface GpuProvider {
  acquire(): Promise<KernelGpu | { unavailable: string }>;
}

export interface ComputeServiceOptions {
  /** Finds a loaded kernel by its global reference `<pluginId>/<kernelId>`. */
  findKernel(ref: string): ComputeKernel | undefined;
  gpu: GpuProvider;
}

/** How many kernel runs a compute service has going now, and has started in all. */
export interface ComputeActivity {
  readonly active: number;
  readonly started: number;
}

const activities = new WeakMap<ComputeService, ComputeActivity>();

/** The activity of a service made by `createComputeService` (a live view: read it again for new figures). */
export function computeActivity(service: ComputeService): ComputeActivity | undefined {
  return activities.get(service);
}

/**
 * Runs a kernel on the backend asked for: 'auto' (default) takes the GPU when the kernel has WGSL and
 * the host has an adapter, else the CPU, and reruns on the CPU a GPU run that fails for a reason other
 * than its input; 'webgpu' fails when it cannot have the GPU; 'cpu' never touches it. The result says
 * which backend ran and, on a fallback, why.
 */
export function createComputeService(options: ComputeServiceOptions): ComputeService {
  const activity = { active: 0, started: 0 };
  const service: ComputeService = {
    async run(ref, inputs, params, runOptions = {}): Promise<ComputeRunResult> {
      activity.active++;
      activity.started++;
      try {
        return await runKernel(options, ref, inputs, params, runOptions);
      } finally {
        activity.active--;
      }
    },
  };
  activities.set(service, activity);
  return service;
}

async function runKernel(
  options: ComputeServiceOptions,
  ref: string,
  inputs: KernelBuffers,
  params: KernelParams,
  runOptions: { backend?: ComputeBackendChoice; signal?: AbortSignal },
): Promise<ComputeRunResult> {
  const kernel = options.findKernel(ref);
  if (!kernel) {
    throw new NautilusError('NOT_FOUND', `No compute kernel ${ref} is loaded; install the plugin that contributes it`, {
      fields: [{ path: 'kernel', message: `unknown kernel ${ref}` }],
    });
  }
  const signal = runOptions.signal ?? new AbortController().signal;
  const choice = runOptions.backend ?? 'auto';
  const started = performance.now();
  let fallbackReason: string | undefined;
  if (choice !== 'cpu') {
    const gpu = kernel.webgpu ? await options.gpu.acquire() : { unavailable: `kernel ${ref} has no WebGPU implementation` };
    if ('device' in gpu && kernel.webgpu) {
      try {
        const outputs = await kernel.webgpu.run(gpu, inputs, params, signal);
        return { outputs, backend: gpu.backend, adapter: gpu.adapter, elapsedMs: performance.now() - started };
      } catch (error) {
        // Bad input fails on the CPU just the same, and an abort is an answer; anything else
        // (a lost device, a driver error) is the GPU's problem, which 'auto' works around.
        if (choice === 'webgpu' || signal.aborted || (isNautilusError(error) && error.code === 'VALIDATION')) throw error;
        fallbackReason = `the WebGPU run failed (${error instanceof Error ? error.message : String(error)})`;
      }
    } else {
      fallbackReason = 'unavailable' in gpu ? gpu.unavailable : 'no WebGPU device';
    }
    if (choice === 'webgpu') {
      throw new NautilusError('COMPUTE_UNAVAILABLE', `WebGPU was asked for ${ref} but cannot run: ${fallbackReason}`, {
        fields: [{ path: 'backend', message: fallbackReason }],
      });
    }
  }
  const outputs = await kernel.cpu(inputs, params, signal);
  return {
    outputs,
    backend: 'cpu',
    ...(fallbackReason ? { fallbackReason } : {}),
    elapsedMs: performance.now() - started,
  };
}
