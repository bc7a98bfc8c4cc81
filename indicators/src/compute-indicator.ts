import type { IndicatorDefinition, IndicatorParams } from '@nautilus/sdk';
import type { BarInput } from './indicator-step.ts';
import { createIndicator } from './streaming-indicator.ts';

/** Columns of bars: what an OhlcvFrame holds (extra fields are ignored). */
export interface BarColumns {
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/** An indicator over a whole frame: one column per output, NaN while warming up. */
export interface IndicatorColumns {
  definition: IndicatorDefinition;
  params: IndicatorParams;
  outputs: Record<string, Float64Array>;
}

/**
 * Runs the catalogue indicator `id` over every bar of `bars`, oldest first. Batch is the streaming
 * indicator fed bar by bar, so panel transforms, factors and strategies see the same numbers.
 */
export function computeIndicator(id: string, params: Record<string, unknown> | undefined, bars: BarColumns): IndicatorColumns {
  const indicator = createIndicator(id, params);
  const length = bars.close.length;
  const names = indicator.definition.outputs;
  const columns = names.map(() => new Float64Array(length));
  const bar: BarInput = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let index = 0; index < length; index++) {
    bar.open = bars.open[index]!;
    bar.high = bars.high[index]!;
    bar.low = bars.low[index]!;
    bar.close = bars.close[index]!;
    bar.volume = bars.volume[index]!;
    indicator.update(bar);
    for (let output = 0; output < columns.length; output++) columns[output]![index] = indicator.values[output]!;
  }
  const outputs: Record<string, Float64Array> = {};
  names.forEach((name, output) => {
    outputs[name] = columns[output]!;
  });
  return { definition: indicator.definition, params: { ...indicator.params }, outputs };
}
