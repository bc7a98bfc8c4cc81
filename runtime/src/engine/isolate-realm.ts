import { defineProperty, getOwnPropertyDescriptor, ownKeys, reflectApply, reflectConstruct } from './intrinsics.ts';

/**
 * Inside the isolate, before any strategy code runs: removes what commits memory outside isolated-vm's
 * allocator (which is what enforces the heap limit for buffers), and what a strategy has no use for
 * and would make runs differ (shared memory, Atomics.wait, WebAssembly, garbage-collection observers).
 * A resizable ArrayBuffer reserves its maximum and commits pages on `resize` (or `transfer`) without
 * asking the allocator, so the ArrayBuffer constructor refuses `maxByteLength` and `resize` is gone.
 */
export function hardenIsolateRealm(): void {
  const realm = globalThis as Record<string, unknown>;
  const RealArrayBuffer = ArrayBuffer;
  const prototype = RealArrayBuffer.prototype as unknown as Record<string, unknown>;
  const resizable = getOwnPropertyDescriptor(prototype, 'resizable')!.get!;
  const realTransfer = prototype.transfer as ((length?: number) => ArrayBuffer) | undefined;
  delete prototype.resize;
  if (realTransfer !== undefined) {
    defineProperty(prototype, 'transfer', {
      value: function transfer(this: ArrayBuffer, ...args: unknown[]) {
        if (reflectApply(resizable, this, [])) throw new TypeError('Resizable ArrayBuffers are not available to strategies.');
        return reflectApply(realTransfer, this, args);
      },
      writable: true,
      configurable: true,
    });
  }

  function SafeArrayBuffer(this: unknown, length?: unknown, options?: unknown): ArrayBuffer {
    if (new.target === undefined) throw new TypeError("Constructor ArrayBuffer requires 'new'");
    if (
      ((typeof options === 'object' && options !== null) || typeof options === 'function') &&
      (options as { maxByteLength?: unknown }).maxByteLength !== undefined
    ) {
      throw new RangeError(
        'Resizable ArrayBuffers (maxByteLength) are not available to strategies: allocate the size you need instead.',
      );
    }
    return reflectConstruct(RealArrayBuffer, [length], new.target) as ArrayBuffer;
  }
  for (const key of ownKeys(RealArrayBuffer)) {
    if (key !== 'prototype' && key !== 'length' && key !== 'name') {
      defineProperty(SafeArrayBuffer, key, getOwnPropertyDescriptor(RealArrayBuffer, key)!);
    }
  }
  defineProperty(SafeArrayBuffer, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false });
  defineProperty(SafeArrayBuffer, 'name', { value: 'ArrayBuffer' });
  defineProperty(prototype, 'constructor', { value: SafeArrayBuffer, writable: true, configurable: true });
  realm.ArrayBuffer = SafeArrayBuffer;

  const shared = realm.SharedArrayBuffer as { prototype: Record<string, unknown> } | undefined;
  if (shared !== undefined) delete shared.prototype.grow;
  for (const name of ['SharedArrayBuffer', 'Atomics', 'WebAssembly', 'WeakRef', 'FinalizationRegistry', 'Temporal']) {
    delete realm[name];
  }
}
