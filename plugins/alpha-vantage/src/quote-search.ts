import type { DataQuery, Frame, PluginContext, TableFrame } from '@nautilus/sdk';
import { type AlphaVantageSettings, alphaVantageGet, malformed, numberField } from './av-request.ts';

/** The fields of an entry, by their names without Alpha Vantage's numbering ("05. price" → "price"). */
function unnumbered(entry: unknown): Record<string, unknown> {
  if (typeof entry !== 'object' || entry === null) return {};
  return Object.fromEntries(Object.entries(entry).map(([key, value]) => [key.replace(/^\d+\.\s*/, ''), value]));
}

/** The latest price of a symbol (`GLOBAL_QUOTE`) as a scalar, with the previous close for the change. */
export async function queryQuote(
  ctx: PluginContext,
  settings: AlphaVantageSettings,
  query: DataQuery<{ symbol: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const fn = 'GLOBAL_QUOTE';
  const body = await alphaVantageGet(ctx, settings, fn, { symbol: query.params.symbol }, signal);
  const quote = unnumbered(body['Global Quote']);
  if (Object.keys(quote).length === 0) throw malformed(fn, 'Global Quote', `is empty: no quote for ${query.params.symbol}`);
  return [
    {
      kind: 'scalar',
      value: numberField(quote.price, fn, 'Global Quote.05. price'),
      previous: numberField(quote['previous close'], fn, 'Global Quote.08. previous close'),
      label: typeof quote.symbol === 'string' ? quote.symbol : query.params.symbol,
    },
  ];
}

const SEARCH_COLUMNS: TableFrame['columns'] = [
  { name: 'symbol', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'region', type: 'string' },
  { name: 'currency', type: 'string' },
  { name: 'market open', type: 'string' },
  { name: 'market close', type: 'string' },
  { name: 'time zone', type: 'string' },
  { name: 'match score', type: 'number' },
];

/** Symbols matching the keywords (`SYMBOL_SEARCH`), best match first. */
export async function querySearch(
  ctx: PluginContext,
  settings: AlphaVantageSettings,
  query: DataQuery<{ keywords: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const fn = 'SYMBOL_SEARCH';
  const body = await alphaVantageGet(ctx, settings, fn, { keywords: query.params.keywords }, signal);
  const matches = body.bestMatches;
  if (!Array.isArray(matches)) throw malformed(fn, 'bestMatches', 'is not a list');
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const rows = matches.slice(0, query.maxPoints).map((entry, index) => {
    const match = unnumbered(entry);
    if (typeof match.symbol !== 'string') throw malformed(fn, `bestMatches[${index}].1. symbol`, 'is not a string');
    return [
      match.symbol,
      text(match.name),
      text(match.type),
      text(match.region),
      text(match.currency),
      text(match.marketOpen),
      text(match.marketClose),
      text(match.timezone),
      numberField(match.matchScore, fn, `bestMatches[${index}].9. matchScore`),
    ];
  });
  return [{ kind: 'table', columns: SEARCH_COLUMNS, rows }];
}
