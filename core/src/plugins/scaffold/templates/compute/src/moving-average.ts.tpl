import { type ComputeKernel, NautilusError } from '@nautilus/sdk';

/**
 * Simple moving average over `params.window` values: NaN until the window is full. The CPU
 * implementation is the reference in f64; a kernel may add `webgpu` with its WGSL and the code that
 * dispatches it on the host's device (see the sdk's ComputeKernel).
 */
export const movingAverage: ComputeKernel = {
  async cpu(inputs, params, signal) {
    signal.throwIfAborted();
    const values = inputs.values;
    const window = params.window ?? Number.NaN;
    if (!values)
      throw new NautilusError('VALIDATION', 'Give the values to average.', {
        fields: [{ path: 'inputs.values', message: 'is required' }],
      });
    if (!Number.isInteger(window) || window < 1)
      throw new NautilusError('VALIDATION', 'The window must be a whole number of values, 1 or more.', {
        fields: [{ path: 'params.window', message: `${window} is not an integer >= 1` }],
      });
    const averages = new Float64Array(values.length).fill(Number.NaN);
    let sum = 0;
    for (let index = 0; index < values.length; index++) {
      sum += values[index]!;
      if (index >= window) sum -= values[index - window]!;
      if (index >= window - 1) averages[index] = sum / window;
    }
    return { averages };
  },
};
