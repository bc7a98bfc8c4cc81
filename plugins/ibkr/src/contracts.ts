import { type DataQuery, type Frame, NautilusError, type PluginContext, type TableColumn } from '@nautilus/sdk';
import { conidField, type IbkrSettings, ibkrRequest, malformed, recordField, text } from './ibkr-request.ts';

const SEARCH = 'iserver/secdef/search';
const STOCKS = 'trsrv/stocks';

/** The security types a symbol resolves to (an ETF is STK at IBKR). */
export const SEC_TYPES = ['STK', 'CASH', 'FUT', 'IND'] as const;
export type SecType = (typeof SEC_TYPES)[number];

/** IBKR's security types as the product's asset classes. */
const ASSET_CLASSES: Record<string, string> = {
  STK: 'equity',
  CASH: 'fx',
  FUT: 'future',
  IND: 'index',
  FUND: 'fund',
  MF: 'fund',
  OPT: 'option',
};

/** One result of a secdef search, checked. */
interface SearchResult {
  conid: string;
  symbol: string | null;
  name: string | null;
  /** The result's own security type: its `secType`, else its first section's. */
  secType: string | null;
  exchange: string | null;
  /** Its sections (STK, OPT, CFD…), each with the conid it names, if any. */
  sections: { secType: string; conid: string | null }[];
}

/**
 * Searches contracts by symbol (or by name): `GET iserver/secdef/search?symbol=…` as current gateways
 * take it; one that answers 405 (older gateways) is asked again with `POST {symbol}`.
 */
export async function secdefSearch(
  ctx: PluginContext,
  settings: IbkrSettings,
  symbol: string,
  byName: boolean,
  signal: AbortSignal,
): Promise<SearchResult[]> {
  let body: unknown;
  try {
    body = await ibkrRequest(ctx, settings, SEARCH, { params: { symbol, name: byName ? 'true' : undefined } }, signal);
  } catch (error) {
    if (!(error instanceof NautilusError && error.details.status === 405)) throw error;
    body = await ibkrRequest(ctx, settings, SEARCH, { json: byName ? { symbol, name: true } : { symbol } }, signal);
  }
  if (!Array.isArray(body)) throw malformed(SEARCH, '(body)', 'is not a list');
  return body.map((entry, index) => {
    const at = `[${index}]`;
    const result = recordField(entry, SEARCH, at);
    const sections = result.sections === undefined || result.sections === null ? [] : result.sections;
    if (!Array.isArray(sections)) throw malformed(SEARCH, `${at}.sections`, 'is not a list');
    const checked = sections.map((section, number) => {
      const fields = recordField(section, SEARCH, `${at}.sections[${number}]`);
      if (typeof fields.secType !== 'string') throw malformed(SEARCH, `${at}.sections[${number}].secType`, 'is not a string');
      const conid =
        fields.conid === undefined || fields.conid === null
          ? null
          : conidField(fields.conid, SEARCH, `${at}.sections[${number}].conid`);
      return { secType: fields.secType, conid };
    });
    return {
      conid: conidField(result.conid, SEARCH, `${at}.conid`),
      symbol: text(result.symbol),
      name: text(result.companyName) ?? text(result.companyHeader),
      secType: text(result.secType) ?? checked[0]?.secType ?? null,
      exchange: text(result.description) ?? text(result.listingExchange),
      sections: checked,
    };
  });
}

/**
 * The conid of `symbol` as a `secType`: the first search result of that type (on `exchange` when one
 * is named and some result lists on it). A result of another type whose section of that type names
 * its own conid (IBM's CFD) gives that conid; a section without one (IBM's options, a future's months)
 * is no contract to chart, so it is skipped.
 */
export async function resolveConid(
  ctx: PluginContext,
  settings: IbkrSettings,
  symbol: string,
  secType: SecType,
  exchange: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  const results = await secdefSearch(ctx, settings, symbol, false, signal);
  const candidates: { conid: string; exchange: string | null }[] = [];
  for (const result of results) {
    if (result.secType === secType) candidates.push({ conid: result.conid, exchange: result.exchange });
    else {
      const section = result.sections.find((each) => each.secType === secType && each.conid !== null);
      if (section?.conid) candidates.push({ conid: section.conid, exchange: result.exchange });
    }
  }
  const onExchange = exchange ? candidates.find((each) => each.exchange?.toUpperCase() === exchange.toUpperCase()) : undefined;
  const chosen = onExchange ?? candidates[0];
  if (!chosen) {
    throw new NautilusError(
      'NOT_FOUND',
      `IBKR knows no ${secType} contract for the symbol ${symbol}` +
        (secType === 'FUT'
          ? ': pass the conid of the contract month instead.'
          : '; check the symbol and secType, or pass a conid.'),
      { details: { provider: 'ibkr', endpoint: SEARCH, symbol, secType } },
    );
  }
  return chosen.conid;
}

/** `params.conid` (a number, or digits) or else `params.symbol` resolved as `secType`. */
export async function conidOf(
  ctx: PluginContext,
  settings: IbkrSettings,
  params: { symbol?: string; conid?: number | string; secType?: SecType; exchange?: string },
  signal: AbortSignal,
): Promise<string> {
  const { conid, symbol } = params;
  if (conid !== undefined) {
    if (
      (typeof conid === 'number' && Number.isSafeInteger(conid) && conid > 0) ||
      (typeof conid === 'string' && /^\d{1,12}$/.test(conid))
    ) {
      return String(conid);
    }
    throw new NautilusError('VALIDATION', `IBKR: params.conid must be a positive integer, got ${JSON.stringify(conid)}`, {
      fields: [{ path: 'params.conid', message: 'must be a positive integer' }],
    });
  }
  if (typeof symbol !== 'string' || symbol.trim() === '') {
    throw new NautilusError('VALIDATION', 'IBKR: give params.symbol (e.g. VOO) or params.conid (e.g. 136155102).', {
      fields: [{ path: 'params.symbol', message: 'is required when params.conid is not given' }],
    });
  }
  const secType = params.secType ?? 'STK';
  if (!SEC_TYPES.includes(secType)) {
    throw new NautilusError(
      'VALIDATION',
      `IBKR: params.secType must be one of ${SEC_TYPES.join(', ')}, got ${JSON.stringify(secType)}`,
      {
        fields: [{ path: 'params.secType', message: `must be one of ${SEC_TYPES.join(', ')}` }],
      },
    );
  }
  return resolveConid(ctx, settings, symbol.trim(), secType, params.exchange, signal);
}

const SEARCH_COLUMNS: TableColumn[] = [
  { name: 'conid', type: 'string' },
  { name: 'symbol', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'assetClass', type: 'string' },
  { name: 'exchange', type: 'string' },
  { name: 'source', type: 'string' },
];

/** Contracts matching a symbol (or a company name), in IBKR's order. */
export async function querySearch(
  ctx: PluginContext,
  settings: IbkrSettings,
  query: DataQuery<{ symbol: string; byName?: boolean }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const results = await secdefSearch(ctx, settings, query.params.symbol, query.params.byName === true, signal);
  const rows = results
    .slice(0, query.maxPoints)
    .map((result) => [
      result.conid,
      result.symbol,
      result.name,
      result.secType === null ? 'other' : (ASSET_CLASSES[result.secType] ?? 'other'),
      result.exchange,
      'ibkr',
    ]);
  return [{ kind: 'table', columns: SEARCH_COLUMNS, rows }];
}

const STOCK_COLUMNS: TableColumn[] = [
  { name: 'symbol', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'conid', type: 'string' },
  { name: 'exchange', type: 'string' },
  { name: 'isUS', type: 'boolean' },
];

/** Each listing of each symbol (`trsrv/stocks?symbols=A,B`): one row per contract; NOT_FOUND when none is known. */
export async function queryStocks(
  ctx: PluginContext,
  settings: IbkrSettings,
  query: DataQuery<{ symbols: string }>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const symbols = query.params.symbols
    .split(',')
    .map((symbol) => symbol.trim().toUpperCase())
    .filter((symbol) => symbol !== '');
  if (symbols.length === 0) {
    throw new NautilusError('VALIDATION', 'IBKR: params.symbols must name at least one symbol, e.g. VOO,AAPL.', {
      fields: [{ path: 'params.symbols', message: 'must name at least one symbol' }],
    });
  }
  const body = recordField(
    await ibkrRequest(ctx, settings, STOCKS, { params: { symbols: symbols.join(',') } }, signal),
    STOCKS,
    '(body)',
  );
  const rows: (string | boolean | null)[][] = [];
  for (const [symbol, listings] of Object.entries(body)) {
    if (!Array.isArray(listings)) throw malformed(STOCKS, symbol, 'is not a list');
    listings.forEach((entry, index) => {
      const at = `${symbol}[${index}]`;
      const listing = recordField(entry, STOCKS, at);
      if (!Array.isArray(listing.contracts)) throw malformed(STOCKS, `${at}.contracts`, 'is not a list');
      listing.contracts.forEach((item, number) => {
        const contract = recordField(item, STOCKS, `${at}.contracts[${number}]`);
        rows.push([
          symbol,
          text(listing.name),
          conidField(contract.conid, STOCKS, `${at}.contracts[${number}].conid`),
          text(contract.exchange),
          typeof contract.isUS === 'boolean' ? contract.isUS : null,
        ]);
      });
    });
  }
  if (rows.length === 0) {
    throw new NautilusError('NOT_FOUND', `IBKR knows no stock ${symbols.join(', ')}; check the symbols.`, {
      details: { provider: 'ibkr', endpoint: STOCKS, symbols },
    });
  }
  return [{ kind: 'table', columns: STOCK_COLUMNS, rows: rows.slice(0, query.maxPoints) }];
}
