import { type KernelBuffers, type KernelParams, NautilusError } from '@nautilus/sdk';

/** A VALIDATION error about one input or param of a kernel, naming the field. */
export function kernelFieldError(kernel: string, path: string, message: string): NautilusError {
  return NautilusError.validation(`${kernel} request`, [{ path, message }]);
}

/**
 * An input of exactly `length` finite numbers (a Float64Array, or a Float32Array).
 * @example numberInput('mc-var', inputs, 'cholesky', 100, '10×10')
 */
export function numberInput(
  kernel: string,
  inputs: KernelBuffers,
  name: string,
  length: number,
  shape?: string,
): Float64Array | Float32Array {
  const path = `inputs.${name}`;
  const values = inputs[name];
  if (!(values instanceof Float64Array || values instanceof Float32Array)) {
    const got = values === undefined ? 'nothing' : (values as object).constructor?.name;
    throw kernelFieldError(kernel, path, `expected a Float64Array of ${length} values, got ${got}`);
  }
  if (values.length !== length) {
    throw kernelFieldError(kernel, path, `expected ${length} values${shape ? ` (${shape})` : ''}, got ${values.length}`);
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index]!))
      throw kernelFieldError(kernel, `${path}[${index}]`, `must be finite, got ${values[index]}`);
  }
  return values;
}

/** A whole-number param within [min, max]. */
export function integerParam(kernel: string, params: KernelParams, name: string, min: number, max: number): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw kernelFieldError(kernel, `params.${name}`, `expected a whole number from ${min} to ${max}, got ${shown(value)}`);
  }
  return value;
}

/** A number param within [min, max] (or [min, max) when `maxExcluded`); `fallback` when absent. */
export function numberParam(
  kernel: string,
  params: KernelParams,
  name: string,
  range: { min: number; max: number; maxExcluded?: boolean; fallback?: number },
): number {
  const value = params[name] ?? range.fallback;
  const above = range.maxExcluded ? (value ?? 0) >= range.max : (value ?? 0) > range.max;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || above) {
    const upper = range.maxExcluded ? `below ${range.max}` : `at most ${range.max}`;
    throw kernelFieldError(kernel, `params.${name}`, `expected a number from ${range.min} and ${upper}, got ${shown(value)}`);
  }
  return value;
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing' : typeof value === 'number' ? String(value) : JSON.stringify(value);
}
