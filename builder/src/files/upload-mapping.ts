/** Which file columns mean what, as the import asks for it (see core's uploads/upload-store.ts). */
export interface Mapping {
  time: string;
  symbol?: string;
  open?: string;
  high?: string;
  low?: string;
  close?: string;
  volume?: string;
  values?: string[];
}

export type UploadKind = 'ohlcv' | 'series';

const NAMES: Record<'time' | 'symbol' | 'open' | 'high' | 'low' | 'close' | 'volume', RegExp> = {
  time: /^(date|time|timestamp|datetime|day|period|observation_date)$/i,
  symbol: /^(symbol|ticker|instrument|code)$/i,
  open: /^(open|o)$/i,
  high: /^(high|h)$/i,
  low: /^(low|l)$/i,
  close: /^(close|c|adj[ _]?close|price)$/i,
  volume: /^(volume|vol|v)$/i,
};

const numeric = (cell: unknown) =>
  typeof cell === 'number' ||
  typeof cell === 'bigint' ||
  (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell)));

/**
 * A first guess from the column names: bars when open, high, low and close are all there, else
 * series of the other columns whose sample cells are numbers (a text column is not charted).
 */
export function guessMapping(
  columns: readonly string[],
  sample: readonly (readonly unknown[])[] = [],
): { kind: UploadKind; mapping: Mapping } {
  const find = (role: keyof typeof NAMES) => columns.find((column) => NAMES[role].test(column.trim()));
  const time = find('time') ?? columns[0] ?? '';
  const symbol = find('symbol');
  const [open, high, low, close, volume] = (['open', 'high', 'low', 'close', 'volume'] as const).map(find);
  if (open && high && low && close) {
    return {
      kind: 'ohlcv',
      mapping: { time, ...(symbol ? { symbol } : {}), open, high, low, close, ...(volume ? { volume } : {}) },
    };
  }
  const values = columns.filter(
    (column, at) =>
      column !== time &&
      column !== symbol &&
      sample.every((row) => row[at] === null || row[at] === undefined || row[at] === '' || numeric(row[at])),
  );
  return { kind: 'series', mapping: { time, ...(symbol ? { symbol } : {}), values } };
}

/** The mapping sent for `kind`: the other kind's columns left out. */
export function mappingFor(kind: UploadKind, mapping: Mapping): Mapping {
  const base = { time: mapping.time, ...(mapping.symbol ? { symbol: mapping.symbol } : {}) };
  if (kind === 'series') return { ...base, values: mapping.values ?? [] };
  const { open, high, low, close, volume } = mapping;
  return { ...base, open, high, low, close, ...(volume ? { volume } : {}) };
}
