/**
 * Compute kernels: numeric work a plugin contributes with a CPU implementation (f64, always) and
 * optionally a WebGPU one (WGSL, f32). The host owns the GPU, like a browser owns `navigator.gpu`:
 * it picks the backend per call (Dawn's default backend where a GPU exists, its OpenGL ES backend on
 * a software renderer where none does, the CPU when no adapter can be had) and reports which ran.
 */

export type KernelElement = 'f32' | 'f64' | 'u32' | 'i32';

/** What a compute kernel declares in its plugin's manifest. */
export interface ComputeKernelDescriptor {
  id: string;
  name: string;
  description?: string;
  /** Named inputs and outputs with their element types (the CPU implementation's types). */
  inputs: Record<string, KernelElement>;
  outputs: Record<string, KernelElement>;
}

export type KernelBuffers = Record<string, Float64Array | Float32Array | Uint32Array | Int32Array>;
export type KernelParams = Record<string, number>;

/**
 * The WebGPU device the host hands a kernel: the standard `GPUDevice` (typed loosely here so the sdk
 * has no dependency; cast to `GPUDevice` from `@webgpu/types` in the kernel).
 */
export interface KernelGpu {
  device: unknown;
  /** e.g. 'webgpu-vulkan', 'webgpu-opengles', 'webgpu-metal'. */
  backend: string;
  /** Adapter description, e.g. 'llvmpipe (LLVM 15.0.6, 256 bits)'. */
  adapter: string;
}

/** The implementation a plugin's setup returns for a declared kernel. */
export interface ComputeKernel {
  /** Reference implementation in f64; also what runs when no GPU adapter is available. */
  cpu(inputs: KernelBuffers, params: KernelParams, signal: AbortSignal): Promise<KernelBuffers>;
  webgpu?: {
    /** The WGSL source(s) the kernel compiles, by name. */
    wgsl: Record<string, string>;
    /** Runs the kernel on the host's device: creates buffers and pipelines, dispatches, reads back. */
    run(gpu: KernelGpu, inputs: KernelBuffers, params: KernelParams, signal: AbortSignal): Promise<KernelBuffers>;
  };
}

export type ComputeBackendChoice = 'auto' | 'cpu' | 'webgpu';

export interface ComputeRunResult {
  outputs: KernelBuffers;
  /** 'cpu' or the WebGPU backend that ran, e.g. 'webgpu-opengles'. */
  backend: string;
  adapter?: string;
  /** Why the CPU ran when 'auto' or 'webgpu' was asked, e.g. 'no WebGPU adapter'. */
  fallbackReason?: string;
  elapsedMs: number;
}

/** Runs contributed kernels for a plugin: `ctx.compute.run('nautilus.compute-webgpu/mc-var', …)`. */
export interface ComputeService {
  run(
    kernel: string,
    inputs: KernelBuffers,
    params: KernelParams,
    options?: { backend?: ComputeBackendChoice; signal?: AbortSignal },
  ): Promise<ComputeRunResult>;
}
