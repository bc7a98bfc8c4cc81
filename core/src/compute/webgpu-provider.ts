import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KernelGpu } from '@nautilus/sdk';
import type { GpuProvider } from './compute-service.ts';

/** `NAUTILUS_WEBGPU`: which Dawn backend the host's device comes from, or none. */
export const WEBGPU_MODES = ['auto', 'off', 'opengles', 'default'] as const;
export type WebGpuMode = (typeof WEBGPU_MODES)[number];

type Acquired = KernelGpu | { unavailable: string };
type DawnBackend = 'default' | 'opengles';

export interface WebGpuProviderOptions {
  mode: WebGpuMode;
  /** Told when the device is lost or reports an error no kernel caught. */
  onWarning?: (message: string, fields: Record<string, unknown>) => void;
}

/** A GpuProvider that also releases its device at shutdown. */
export interface WebGpuProvider extends GpuProvider {
  /** Destroys the device, if one was made; a later `acquire` makes a new one. */
  destroy(): Promise<void>;
}

/**
 * The host's WebGPU device from Dawn (package `webgpu`), made on first use and shared by every
 * kernel. `auto` tries Dawn's default backend (Vulkan, Metal or D3D12 on a real GPU), then its
 * OpenGL ES backend in compatibility mode (Mesa llvmpipe where there is no GPU); the first adapter
 * wins. The outcome, adapter or reason for none, is kept until the device is lost or destroyed.
 * Dawn prints a few warnings to stderr on first use (e.g. "Couldn't load Vulkan"); they are harmless.
 * @example const gpu = createWebGpuProvider({ mode: 'auto' }); const device = await gpu.acquire();
 */
export function createWebGpuProvider(options: WebGpuProviderOptions): WebGpuProvider {
  const warn = options.onWarning ?? (() => {});
  let current: Promise<Acquired> | undefined;

  const acquire = (): Promise<Acquired> => {
    if (options.mode === 'off') return Promise.resolve({ unavailable: 'disabled by NAUTILUS_WEBGPU=off' });
    if (current) return current;
    const attempt: Promise<Acquired> = openDevice(options.mode).then(
      (gpu) => {
        if ('device' in gpu) {
          const device = gpu.device as GPUDevice;
          device.onuncapturederror = (event) => warn('WebGPU error not caught by a kernel', { error: event.error.message });
          void device.lost.then((info) => {
            // The next acquire makes a new device; a destroy() at shutdown is no news.
            if (current === attempt) current = undefined;
            if (info.reason !== 'destroyed') warn('WebGPU device lost', { reason: info.reason, message: info.message });
          });
        }
        return gpu;
      },
      (error: unknown) => ({ unavailable: `WebGPU failed to start: ${error instanceof Error ? error.message : String(error)}` }),
    );
    current = attempt;
    return attempt;
  };

  return {
    acquire,
    async destroy() {
      const pending = current;
      current = undefined;
      const gpu = await pending;
      if (gpu && 'device' in gpu) (gpu.device as GPUDevice).destroy();
    },
  };
}

async function openDevice(mode: Exclude<WebGpuMode, 'off'>): Promise<Acquired> {
  let dawn: typeof import('webgpu');
  try {
    dawn = await import('webgpu');
  } catch (error) {
    return { unavailable: `cannot load Dawn (package webgpu): ${(error as Error).message}` };
  }
  const backends: DawnBackend[] = mode === 'auto' ? ['default', 'opengles'] : [mode];
  const misses: string[] = [];
  for (const backend of backends) {
    if (backend === 'opengles') prepareSurfacelessEgl();
    const instance = dawn.create(backend === 'opengles' ? ['backend=opengles'] : []);
    const adapter = await instance.requestAdapter(
      backend === 'opengles' ? { featureLevel: 'compatibility' } : { powerPreference: 'high-performance' },
    );
    if (!adapter) {
      misses.push(
        backend === 'opengles'
          ? 'OpenGL ES (EGL) found none: install libegl-mesa0 and libgl1-mesa-dri for the software renderer'
          : "Dawn's default backend found none (no GPU, or no Vulkan/Metal/D3D12 driver)",
      );
      continue;
    }
    const device = await adapter.requestDevice({ requiredLimits: computeLimits(adapter) });
    // Held while the device lives, in case the binding lets an unreferenced instance be collected.
    keepAlive.set(device, instance);
    return { device, backend: `webgpu-${backendName(backend, adapter.info)}`, adapter: describeAdapter(adapter.info) };
  }
  return { unavailable: `no WebGPU adapter: ${misses.join('; ')}` };
}

const keepAlive = new WeakMap<GPUDevice, GPU>();

/** Asks for the adapter's own compute limits: the defaults (e.g. 128 MiB bindings) are often lower. */
function computeLimits(adapter: GPUAdapter): Record<string, number> {
  const names = [
    'maxBufferSize',
    'maxStorageBufferBindingSize',
    'maxStorageBuffersPerShaderStage',
    'maxComputeWorkgroupStorageSize',
    'maxComputeInvocationsPerWorkgroup',
    'maxComputeWorkgroupSizeX',
    'maxComputeWorkgroupsPerDimension',
  ] as const;
  return Object.fromEntries(names.map((name) => [name, adapter.limits[name]]));
}

/** EGL needs no display when told so; without XDG_RUNTIME_DIR Mesa warns on every start. */
function prepareSurfacelessEgl(): void {
  process.env.EGL_PLATFORM ??= 'surfaceless';
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = join(tmpdir(), `nautilus-xdg-${process.getuid?.() ?? 'user'}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
  }
}

/**
 * The backend's name. Dawn 0.6 does not expose it on GPUAdapterInfo, so a forced backend names
 * itself and the default one is read from the driver description, else the platform's usual one.
 */
function backendName(backend: DawnBackend, info: GPUAdapterInfo): string {
  const reported = (info as GPUAdapterInfo & { backend?: string }).backend;
  if (reported) return reported.toLowerCase();
  if (backend === 'opengles') return 'opengles';
  const text = `${info.description} ${info.device}`;
  if (/opengl es/i.test(text)) return 'opengles';
  if (/opengl/i.test(text)) return 'opengl';
  if (/vulkan/i.test(text)) return 'vulkan';
  if (/metal/i.test(text) || process.platform === 'darwin') return 'metal';
  if (/d3d12|direct3d/i.test(text) || process.platform === 'win32') return 'd3d12';
  return 'vulkan';
}

/** Every non-empty field of the adapter's info, e.g. 'llvmpipe-llvm-15-0-6-256-bits, OpenGL ES 3.2 Mesa 22.3.6'. */
export function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.device.replace(/-+$/, ''), info.description, info.vendor, info.architecture].filter(Boolean);
  return [...new Set(parts)].join(', ') || 'unnamed adapter';
}
