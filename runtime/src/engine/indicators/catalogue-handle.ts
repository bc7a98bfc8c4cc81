import type { BarInput } from '@nautilus/indicators';
import { createIndicator, type StreamingIndicator } from '@nautilus/indicators';
import type { BollingerIndicator, CatalogueIndicator, MacdIndicator } from '@nautilus/sdk';

/**
 * What a strategy holds for one catalogue indicator: `value` (the first output), `previous`,
 * `ready`, every output by name, and the named getters the older `ctx.indicators` methods promised
 * (MACD's signal and histogram, Bollinger's bands). NaN while warming up reads as undefined.
 */
export class CatalogueHandle implements CatalogueIndicator, MacdIndicator, BollingerIndicator {
  private readonly indicator: StreamingIndicator;
  private prior = Number.NaN;
  /** Bars on which the first output was defined. */
  private emitted = 0;

  constructor(id: string, params?: Record<string, number>) {
    this.indicator = createIndicator(id, params);
  }

  update(bar: BarInput): void {
    const before = this.indicator.values[0]!;
    this.indicator.update(bar);
    if (Number.isNaN(this.indicator.values[0]!)) return;
    this.prior = before;
    this.emitted++;
  }

  private output(index: number): number | undefined {
    const value = this.indicator.values[index];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  }

  get value(): number | undefined {
    return this.output(0);
  }

  get previous(): number | undefined {
    return this.emitted > 1 ? this.prior : undefined;
  }

  get ready(): boolean {
    return this.emitted > 0;
  }

  get outputs(): Record<string, number | undefined> {
    const named: Record<string, number | undefined> = {};
    this.indicator.definition.outputs.forEach((name, index) => {
      named[name] = this.output(index);
    });
    return named;
  }

  // MACD's outputs are macd, signal, histogram.
  get signal(): number | undefined {
    return this.output(1);
  }

  get histogram(): number | undefined {
    return this.output(2);
  }

  // Bollinger's outputs are middle, upper, lower.
  get middle(): number | undefined {
    return this.output(0);
  }

  get upper(): number | undefined {
    return this.output(1);
  }

  get lower(): number | undefined {
    return this.output(2);
  }
}
