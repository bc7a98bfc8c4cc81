// A WebGPU device for this package's tests and bench, made the way core's provider makes it
// (core/src/compute/webgpu-provider.ts): a plugin never imports core, so the few lines are repeated.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KernelGpu } from '@nautilus/sdk';
import { create } from 'webgpu';

type Acquired = KernelGpu | { unavailable: string };

let acquired: Promise<Acquired> | undefined;
// dawn.node lives as long as the object `create` returned is referenced: dropping it kills the device.
const instances: GPU[] = [];

/**
 * The device for NAUTILUS_WEBGPU (auto by default: Dawn's default backend, else OpenGL ES on
 * Mesa's llvmpipe), made once per process, or why there is none.
 */
export function acquireTestGpu(): Promise<Acquired> {
  acquired ??= open((process.env.NAUTILUS_WEBGPU || 'auto') as 'auto' | 'off' | 'opengles' | 'default');
  return acquired;
}

async function open(mode: 'auto' | 'off' | 'opengles' | 'default'): Promise<Acquired> {
  if (mode === 'off') return { unavailable: 'disabled by NAUTILUS_WEBGPU=off' };
  const misses: string[] = [];
  for (const backend of mode === 'auto' ? (['default', 'opengles'] as const) : [mode]) {
    if (backend === 'opengles') {
      process.env.EGL_PLATFORM ??= 'surfaceless';
      if (!process.env.XDG_RUNTIME_DIR) {
        process.env.XDG_RUNTIME_DIR = join(tmpdir(), `nautilus-xdg-${process.getuid?.() ?? 'user'}`);
        mkdirSync(process.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
      }
    }
    const instance = create(backend === 'opengles' ? ['backend=opengles'] : []);
    instances.push(instance);
    const adapter = await instance.requestAdapter(backend === 'opengles' ? { featureLevel: 'compatibility' } : {});
    if (!adapter) {
      misses.push(`${backend} backend: no adapter`);
      continue;
    }
    const limits = ['maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupsPerDimension'] as const;
    const device = await adapter.requestDevice({
      requiredLimits: Object.fromEntries(limits.map((name) => [name, adapter.limits[name]])),
    });
    const info = adapter.info;
    const names = [info.device.replace(/-+$/, ''), info.description, info.vendor, info.architecture].filter(Boolean);
    return { device, backend: `webgpu-${backendName(backend, info)}`, adapter: [...new Set(names)].join(', ') };
  }
  return { unavailable: `no WebGPU adapter (${misses.join('; ')})` };
}

/** As core names it: a forced backend names itself; the default one is guessed from the driver and platform. */
function backendName(backend: 'default' | 'opengles', info: GPUAdapterInfo): string {
  const text = `${info.description} ${info.device}`;
  if (backend === 'opengles' || /opengl es/i.test(text)) return 'opengles';
  if (/vulkan/i.test(text)) return 'vulkan';
  return process.platform === 'darwin' ? 'metal' : process.platform === 'win32' ? 'd3d12' : 'vulkan';
}

/**
 * The device for a test file: under CI=true a missing adapter throws (the file fails); elsewhere
 * `gpu` is undefined and `skipReason` says why, for `describe.skipIf(!gpu)`.
 */
export async function gpuForTests(): Promise<{ gpu: KernelGpu | undefined; skipReason: string }> {
  const result = await acquireTestGpu();
  if ('device' in result) return { gpu: result, skipReason: '' };
  if (process.env.CI === 'true') throw new Error(`CI=true requires a WebGPU adapter, and there is none: ${result.unavailable}`);
  return { gpu: undefined, skipReason: `skipped: ${result.unavailable}` };
}
