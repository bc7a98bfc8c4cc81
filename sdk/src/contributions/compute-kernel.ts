/** What a compute kernel declares in its plugin's manifest. */
export interface ComputeKernelDescriptor {
  id: string;
  name: string;
  description?: string;
  /** Named inputs and outputs with their element types. */
  inputs: Record<string, 'f32' | 'f64' | 'u32' | 'i32'>;
  outputs: Record<string, 'f32' | 'f64' | 'u32' | 'i32'>;
}

export type KernelBuffers = Record<string, Float64Array | Float32Array | Uint32Array | Int32Array>;

/**
 * The implementation a plugin's setup returns for a declared kernel: a CPU version always, and
 * optionally WGSL for WebGPU. The host picks the backend and reports which one ran.
 */
export interface ComputeKernel {
  cpu(inputs: KernelBuffers, params: Record<string, number>, signal: AbortSignal): Promise<KernelBuffers>;
  webgpu?: {
    wgsl: string;
    entryPoint: string;
    workgroupSize: number;
  };
}
