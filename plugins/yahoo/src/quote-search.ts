import { type DataQuery, type Frame, NautilusError, type PluginContext, type ScalarFrame, type TableFrame } from '@nautilus/sdk';
import { isRecord, malformed, numberAt, recordAt, type YahooSettings, yahooGet } from './yahoo-request.ts';

/** The latest price of one symbol (`v7/finance/quote`) as a scalar, with the previous close and the currency. */
export async function queryQuote(
  ctx: PluginContext,
  settings: YahooSettings,
  query: DataQuery<{ symbol: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const endpoint = 'v7/finance/quote';
  const { symbol } = query.params;
  const body = await yahooGet(
    ctx,
    settings,
    { endpoint, path: 'v7/finance/quote', params: { symbols: symbol }, crumb: true },
    signal,
  );
  const results = recordAt(body.quoteResponse, endpoint, 'quoteResponse').result;
  if (!Array.isArray(results)) throw malformed(endpoint, 'quoteResponse.result', 'is not a list');
  // Yahoo answers a list (several symbols per call); take the one asked for.
  const index = results.findIndex(
    (entry) => isRecord(entry) && typeof entry.symbol === 'string' && entry.symbol.toUpperCase() === symbol.toUpperCase(),
  );
  if (index < 0) {
    throw new NautilusError(
      'NOT_FOUND',
      `Yahoo Finance has no quote for ${symbol}; check the symbol (e.g. AAPL, BTC-USD, EURUSD=X, ^GSPC).`,
      {
        details: { provider: 'yahoo', endpoint },
      },
    );
  }
  const quote = results[index] as Record<string, unknown>;
  const at = `quoteResponse.result[${index}]`;
  const frame: ScalarFrame = {
    kind: 'scalar',
    value: numberAt(quote.regularMarketPrice, endpoint, `${at}.regularMarketPrice`),
    label: quote.symbol as string,
  };
  if (quote.regularMarketPreviousClose !== undefined && quote.regularMarketPreviousClose !== null) {
    frame.previous = numberAt(quote.regularMarketPreviousClose, endpoint, `${at}.regularMarketPreviousClose`);
  }
  if (quote.currency !== undefined && quote.currency !== null) {
    if (typeof quote.currency !== 'string') throw malformed(endpoint, `${at}.currency`, 'is not a string');
    frame.unit = quote.currency;
  }
  return [frame];
}

/** The numeric fields of `summary`, by quoteSummary module, in the order shown; the first module holding a field wins. */
const SUMMARY_FIELDS: Record<'price' | 'summaryDetail', string[]> = {
  price: [
    'regularMarketPrice',
    'regularMarketChange',
    'regularMarketChangePercent',
    'regularMarketOpen',
    'regularMarketDayHigh',
    'regularMarketDayLow',
    'regularMarketPreviousClose',
    'regularMarketVolume',
    'preMarketPrice',
    'postMarketPrice',
    'marketCap',
  ],
  summaryDetail: [
    'bid',
    'ask',
    'bidSize',
    'askSize',
    'averageVolume',
    'averageVolume10days',
    'fiftyTwoWeekLow',
    'fiftyTwoWeekHigh',
    'fiftyDayAverage',
    'twoHundredDayAverage',
    'beta',
    'trailingPE',
    'forwardPE',
    'priceToSalesTrailing12Months',
    'dividendRate',
    'dividendYield',
    'payoutRatio',
    'trailingAnnualDividendRate',
    'trailingAnnualDividendYield',
    'marketCap',
  ],
};

const SUMMARY_COLUMNS: TableFrame['columns'] = [
  { name: 'field', type: 'string' },
  { name: 'value', type: 'number' },
];

/**
 * The main numbers about one symbol (`v10/finance/quoteSummary`, modules price and summaryDetail,
 * unformatted) as a field/value table. Fields Yahoo leaves out or sends as null are left out.
 */
export async function querySummary(
  ctx: PluginContext,
  settings: YahooSettings,
  query: DataQuery<{ symbol: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const endpoint = 'v10/finance/quoteSummary';
  const { symbol } = query.params;
  const body = await yahooGet(
    ctx,
    settings,
    {
      endpoint,
      path: `v10/finance/quoteSummary/${encodeURIComponent(symbol)}`,
      params: { modules: 'price,summaryDetail', formatted: 'false' },
      crumb: true,
    },
    signal,
  );
  const results = recordAt(body.quoteSummary, endpoint, 'quoteSummary').result;
  if (!Array.isArray(results) || results.length === 0)
    throw malformed(endpoint, 'quoteSummary.result', 'is not a list with a result');
  const result = recordAt(results[0], endpoint, 'quoteSummary.result[0]');
  const modules = (['price', 'summaryDetail'] as const).filter((name) => result[name] !== undefined && result[name] !== null);
  if (modules.length === 0) throw malformed(endpoint, 'quoteSummary.result[0]', 'holds neither price nor summaryDetail');
  const rows: [string, number][] = [];
  const seen = new Set<string>();
  for (const name of modules) {
    const module = recordAt(result[name], endpoint, `quoteSummary.result[0].${name}`);
    for (const field of SUMMARY_FIELDS[name]) {
      const value = module[field];
      if (value === undefined || value === null || seen.has(field)) continue;
      rows.push([field, numberAt(value, endpoint, `quoteSummary.result[0].${name}.${field}`)]);
      seen.add(field);
    }
  }
  return [{ kind: 'table', columns: SUMMARY_COLUMNS, rows: rows.slice(0, query.maxPoints) }];
}

/** Yahoo's quoteType, lower-cased, to the product's asset classes. */
const ASSET_CLASSES: Record<string, string> = {
  equity: 'equity',
  etf: 'etf',
  cryptocurrency: 'crypto',
  currency: 'fx',
  index: 'index',
  future: 'future',
  mutualfund: 'fund',
  moneymarket: 'fund',
};

const SEARCH_COLUMNS: TableFrame['columns'] = [
  { name: 'symbol', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'exchange', type: 'string' },
  { name: 'assetClass', type: 'string' },
  { name: 'source', type: 'string' },
];

/**
 * Symbols matching the text (`v1/finance/search`), in Yahoo's order (best match first). Entries
 * without a symbol (companies Yahoo lists but does not quote) are left out.
 */
export async function querySearch(
  ctx: PluginContext,
  settings: YahooSettings,
  query: DataQuery<{ text: string; limit?: number }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const endpoint = 'v1/finance/search';
  const limit = Math.max(1, Math.min(query.params.limit ?? 10, query.maxPoints));
  const body = await yahooGet(
    ctx,
    settings,
    {
      endpoint,
      path: 'v1/finance/search',
      params: { q: query.params.text, quotesCount: String(limit), newsCount: '0', listsCount: '0', enableFuzzyQuery: 'false' },
    },
    signal,
  );
  const quotes = body.quotes;
  if (!Array.isArray(quotes)) throw malformed(endpoint, 'quotes', 'is not a list');
  const text = (value: unknown, field: string): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw malformed(endpoint, field, 'is not a string');
    return value;
  };
  const rows: (string | null)[][] = [];
  quotes.forEach((entry, index) => {
    const at = `quotes[${index}]`;
    const quote = recordAt(entry, endpoint, at);
    const symbol = text(quote.symbol, `${at}.symbol`);
    if (symbol === null) return;
    const type = text(quote.quoteType, `${at}.quoteType`)?.toLowerCase() ?? '';
    rows.push([
      symbol,
      text(quote.longname, `${at}.longname`) ?? text(quote.shortname, `${at}.shortname`),
      text(quote.exchDisp, `${at}.exchDisp`) ?? text(quote.exchange, `${at}.exchange`),
      ASSET_CLASSES[type] ?? 'other',
      'yahoo',
    ]);
  });
  return [{ kind: 'table', columns: SEARCH_COLUMNS, rows: rows.slice(0, limit) }];
}
