import type { DashboardVariable, Frame } from '@nautilus/sdk';

export type VariableValues = Readonly<Record<string, string>>;

/** Each variable at its default: what a dashboard shows when opened. */
export function defaultVariableValues(variables: readonly DashboardVariable[]): VariableValues {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.default]));
}

/**
 * The values after the variables themselves changed (settings dialog, undo): a value the user picked
 * stays while its variable exists and still offers it; anything else falls back to the default.
 */
export function reconcileVariableValues(variables: readonly DashboardVariable[], current: VariableValues): VariableValues {
  const next: Record<string, string> = {};
  for (const variable of variables) {
    const value = current[variable.name];
    const allowed = value !== undefined && (variable.type !== 'custom' || !variable.options || variable.options.includes(value));
    next[variable.name] = allowed ? value : variable.default;
  }
  const same =
    Object.keys(next).length === Object.keys(current).length && Object.entries(next).every(([k, v]) => current[k] === v);
  return same ? current : next;
}

/** One instrument a picker offers. */
export interface InstrumentOption {
  symbol: string;
  name?: string;
  group?: string;
}

const ASSET_CLASS_NAMES: Record<string, string> = {
  stock: 'Stocks',
  etf: 'ETFs',
  index: 'Indices',
  fx: 'FX',
  crypto: 'Crypto',
  future: 'Futures',
};

/**
 * The instruments to offer: every symbol the data sources' instrument fields enumerate, named and
 * grouped by asset class where an instruments table (symbol, name, assetClass) knows them.
 */
export function instrumentOptions(
  dataSources: readonly { querySchema: { properties?: Record<string, { enum?: readonly unknown[]; 'x-widget'?: string }> } }[],
  instrumentTable?: Frame,
): InstrumentOption[] {
  const known = new Map<string, InstrumentOption>();
  if (instrumentTable?.kind === 'table') {
    const column = (name: string) => instrumentTable.columns.findIndex((item) => item.name === name);
    const [symbolAt, nameAt, classAt] = [column('symbol'), column('name'), column('assetClass')];
    if (symbolAt >= 0) {
      for (const row of instrumentTable.rows) {
        const symbol = row[symbolAt];
        if (typeof symbol !== 'string') continue;
        const option: InstrumentOption = { symbol };
        const name = nameAt >= 0 ? row[nameAt] : undefined;
        const assetClass = classAt >= 0 ? row[classAt] : undefined;
        if (typeof name === 'string') option.name = name;
        if (typeof assetClass === 'string') option.group = ASSET_CLASS_NAMES[assetClass] ?? assetClass;
        known.set(symbol, option);
      }
    }
  }
  const symbols = new Set<string>(known.keys());
  for (const source of dataSources) {
    for (const property of Object.values(source.querySchema.properties ?? {})) {
      if (property['x-widget'] !== 'instrument') continue;
      for (const value of property.enum ?? []) if (typeof value === 'string') symbols.add(value);
    }
  }
  return [...symbols].map((symbol) => known.get(symbol) ?? { symbol });
}
