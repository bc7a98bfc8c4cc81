import { type DataQuery, type Frame, NautilusError, type PluginContext, type TableColumn } from '@nautilus/sdk';
import { isObject, malformed, padCik, type SecSettings, secGet } from './sec-request.ts';

const ENDPOINT = 'company_tickers.json';
/** How long the ticker map (about 1 MB, some 10,000 companies) is kept in memory before it is fetched again. */
export const TICKERS_TTL_MS = 3_600_000;

/** One line of SEC's ticker map. */
export interface CompanyEntry {
  /** 10 digits, zero-padded. */
  cik: string;
  ticker: string;
  name: string;
}

/** SEC's ticker → CIK map, fetched on first use and kept for an hour by one plugin instance. */
export interface TickerDirectory {
  entries(signal: AbortSignal): Promise<CompanyEntry[]>;
}

export function tickerDirectory(ctx: PluginContext, settings: SecSettings): TickerDirectory {
  let cached: { at: number; entries: CompanyEntry[] } | undefined;
  return {
    async entries(signal) {
      if (cached && Date.now() - cached.at < TICKERS_TTL_MS) return cached.entries;
      const body = await secGet(ctx, settings, 'www', 'files/company_tickers.json', ENDPOINT, signal);
      cached = { at: Date.now(), entries: parseTickers(body) };
      return cached.entries;
    },
  };
}

/** `{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, …}` in SEC's order (largest companies first). */
export function parseTickers(body: Record<string, unknown>): CompanyEntry[] {
  return Object.entries(body).map(([key, entry]) => {
    const at = `["${key}"]`;
    if (!isObject(entry)) throw malformed(ENDPOINT, at, 'is not an object');
    const { cik_str: cik, ticker, title } = entry;
    const cikValid =
      (typeof cik === 'number' && Number.isSafeInteger(cik) && cik >= 0) || (typeof cik === 'string' && /^\d{1,10}$/.test(cik));
    if (!cikValid) throw malformed(ENDPOINT, `${at}.cik_str`, `is not a CIK number (got ${JSON.stringify(cik)?.slice(0, 20)})`);
    if (typeof ticker !== 'string' || ticker === '') throw malformed(ENDPOINT, `${at}.ticker`, 'is not a string');
    if (typeof title !== 'string') throw malformed(ENDPOINT, `${at}.title`, 'is not a string');
    return { cik: padCik(cik), ticker, name: title };
  });
}

/** A ticker as SEC writes it: upper case, a share class after a dash (BRK.B and BRK/B are BRK-B). */
const normalTicker = (ticker: string) => ticker.trim().toUpperCase().replace(/[./]/g, '-');
/** A CIK given as digits, optionally after "CIK": 320193, 0000320193, CIK0000320193. */
const CIK_PATTERN = /^(?:CIK)?(\d{1,10})$/i;

/**
 * The company a `company` param names: a CIK as it is, a ticker through SEC's ticker map. An unknown
 * ticker is NOT_FOUND, pointing to the `companies` search.
 */
export async function resolveCompany(
  directory: TickerDirectory,
  company: string,
  signal: AbortSignal,
): Promise<{ cik: string; ticker?: string; name?: string }> {
  const cik = CIK_PATTERN.exec(company.trim())?.[1];
  if (cik !== undefined) return { cik: padCik(cik) };
  const ticker = normalTicker(company);
  if (ticker === '') {
    throw new NautilusError('VALIDATION', 'SEC EDGAR: params.company must be a ticker or a CIK.', {
      fields: [{ path: 'params.company', message: 'must be a ticker (AAPL) or a CIK (320193)' }],
    });
  }
  const found = (await directory.entries(signal)).find((entry) => normalTicker(entry.ticker) === ticker);
  if (!found) {
    throw new NautilusError(
      'NOT_FOUND',
      `SEC EDGAR's ticker list has no ticker ${JSON.stringify(company)}; look the company up with the companies source, or give its CIK.`,
      { details: { provider: 'sec-edgar', endpoint: ENDPOINT, ticker } },
    );
  }
  return found;
}

const COLUMNS: TableColumn[] = [
  { name: 'cik', type: 'string' },
  { name: 'ticker', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'assetClass', type: 'string' },
];

/**
 * Companies whose ticker or name hold the query (case-insensitive): the exact ticker (or CIK) first,
 * then tickers starting with it, names starting with it, and the rest; SEC's order (largest first)
 * within each.
 */
export async function queryCompanies(
  directory: TickerDirectory,
  query: DataQuery<{ query: string; limit?: number }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const text = query.params.query.trim().toUpperCase();
  if (text === '') {
    throw new NautilusError('VALIDATION', 'SEC EDGAR: params.query must hold a ticker or part of a name.', {
      fields: [{ path: 'params.query', message: 'must not be empty' }],
    });
  }
  const limit = Math.max(0, Math.min(query.params.limit ?? 20, 100, query.maxPoints));
  const ticker = normalTicker(text);
  const cik = CIK_PATTERN.exec(text)?.[1];
  const rank = (entry: CompanyEntry): number => {
    const entryTicker = normalTicker(entry.ticker);
    const name = entry.name.toUpperCase();
    if (entryTicker === ticker || (cik !== undefined && entry.cik === padCik(cik))) return 0;
    if (entryTicker.startsWith(ticker)) return 1;
    if (name.startsWith(text)) return 2;
    if (entryTicker.includes(ticker) || name.includes(text)) return 3;
    return 4;
  };
  const ranked = (await directory.entries(signal))
    .map((entry, index) => ({ entry, index, rank: rank(entry) }))
    .filter((candidate) => candidate.rank < 4)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit);
  return [
    {
      kind: 'table',
      columns: COLUMNS,
      rows: ranked.map(({ entry }) => [entry.cik, entry.ticker, entry.name, 'sec-edgar', 'equity']),
    },
  ];
}
