import { type IndicatorDefinition, type IndicatorParams, resolveIndicatorParams } from '@nautilus/sdk';
import { INDICATOR_FACTORIES } from './indicator-factories.ts';
import type { BarInput, IndicatorStep } from './indicator-step.ts';

/** A catalogue indicator updated one bar at a time; `values` holds each output after the latest bar (NaN while warming up). */
export interface StreamingIndicator {
  readonly definition: IndicatorDefinition;
  readonly params: Readonly<IndicatorParams>;
  readonly values: Float64Array;
  update(bar: BarInput): void;
}

/**
 * Creates the catalogue indicator `id`; params are checked and defaults filled once here (a bad one
 * throws a VALIDATION error naming it).
 * @example
 * const rsi = createIndicator('rsi', { period: 14 });
 * for (const bar of bars) { rsi.update(bar); console.log(rsi.values[0]); }
 */
export function createIndicator(id: string, params?: Record<string, unknown>): StreamingIndicator {
  const resolved = resolveIndicatorParams(id, params);
  const factory = INDICATOR_FACTORIES[id];
  if (!factory) throw new RangeError(`indicator '${id}' is catalogued but has no implementation`);
  const step: IndicatorStep = factory(resolved.definition.input, resolved.params);
  const values = new Float64Array(resolved.definition.outputs.length).fill(Number.NaN);
  return {
    definition: resolved.definition,
    params: Object.freeze(resolved.params),
    values,
    update: (bar) => step.update(bar, values),
  };
}
