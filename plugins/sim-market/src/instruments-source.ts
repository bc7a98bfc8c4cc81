import type { DataSource, TableFrame } from '@nautilus/sdk';
import { NautilusError } from '@nautilus/sdk';
import { type AssetClass, assetClasses } from './instrument.ts';
import { instruments } from './instruments.ts';
import { sessions } from './sessions.ts';

/** The instrument table, optionally one asset class only; the builder's instrument picker reads it. */
export function instrumentTable(assetClass?: AssetClass, text?: string): TableFrame {
  const wanted = text?.trim().toLowerCase();
  return {
    kind: 'table',
    columns: [
      { name: 'symbol', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'assetClass', type: 'string' },
      { name: 'currency', type: 'string' },
      { name: 'session', type: 'string' },
      { name: 'tickSize', type: 'number' },
    ],
    rows: instruments
      .filter((instrument) => assetClass === undefined || instrument.assetClass === assetClass)
      .filter(
        (instrument) =>
          !wanted || instrument.symbol.toLowerCase().includes(wanted) || instrument.name.toLowerCase().includes(wanted),
      )
      .map((instrument) => [
        instrument.symbol,
        instrument.name,
        instrument.assetClass,
        instrument.currency,
        sessions[instrument.session].label,
        instrument.tickSize,
      ]),
  };
}

/** The `instruments` data source; it ignores the time range (the list does not change over time). */
export const instrumentsSource: DataSource<{ assetClass?: unknown; text?: string }> = {
  async query(query, signal) {
    signal.throwIfAborted();
    const assetClass = query.params?.assetClass;
    if (assetClass !== undefined && !(assetClasses as readonly unknown[]).includes(assetClass)) {
      throw NautilusError.validation('sim-market instruments query', [
        {
          path: 'assetClass',
          message: `unknown asset class ${JSON.stringify(assetClass)}; use one of ${assetClasses.join(', ')}`,
        },
      ]);
    }
    return [instrumentTable(assetClass as AssetClass | undefined, query.params?.text)];
  },
};
