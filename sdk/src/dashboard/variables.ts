const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Names of the variables referenced (`$name` or `${name}`) anywhere in a value's strings. */
export function referencedVariables(value: unknown): string[] {
  const found = new Set<string>();
  visitStrings(value, (text) => {
    for (const match of text.matchAll(REFERENCE)) found.add((match[1] ?? match[2]) as string);
  });
  return [...found];
}

/**
 * Replaces variable references in every string of `value` with their values; returns a copy.
 * Unknown names are left as written, so the data source reports them.
 * @example interpolateVariables({ symbol: '$symbol' }, { symbol: 'SIM:AAPL' }) // { symbol: 'SIM:AAPL' }
 */
export function interpolateVariables<T>(value: T, values: Readonly<Record<string, string>>): T {
  return mapStrings(value, (text) =>
    text.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      return Object.hasOwn(values, name) ? (values[name] as string) : whole;
    }),
  ) as T;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) visitStrings(item, visit);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  }
  return value;
}
