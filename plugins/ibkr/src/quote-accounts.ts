import { type DataQuery, type Frame, NautilusError, type PluginContext, type TableColumn } from '@nautilus/sdk';
import { conidOf, type SecType } from './contracts.ts';
import { conidField, type IbkrSettings, ibkrRequest, malformed, recordField, text } from './ibkr-request.ts';

const SNAPSHOT = 'iserver/marketdata/snapshot';
const ACCOUNTS = 'portfolio/accounts';

/** Snapshot fields: 31 last price, 55 symbol, 84 bid, 86 ask, 7295 open, 7741 prior close. */
export const SNAPSHOT_FIELDS = '31,55,84,86,7295,7741';

export interface QuoteParams {
  symbol?: string;
  conid?: number;
  secType?: SecType;
}

/**
 * A snapshot price: "123.45", or "C123.45" (the close, before the market opens) or "H123.45" (halted),
 * IBKR's marks stripped, thousands separators too; undefined when absent.
 */
export function snapshotPrice(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const number = typeof value === 'string' ? Number(value.trim().replace(/^[CH]/, '').replaceAll(',', '')) : Number.NaN;
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number)) {
    throw malformed(SNAPSHOT, field, `is not a price (got ${JSON.stringify(value)?.slice(0, 20)})`);
  }
  return number;
}

/**
 * The last price of one contract (`iserver/marketdata/snapshot`, field 31) with the prior close
 * (7741). The gateway subscribes on the first snapshot of a conid and answers it without prices:
 * that answer is a DATA_SOURCE_ERROR asking to try again in a second (the plugin does not wait).
 */
export async function queryQuote(
  ctx: PluginContext,
  settings: IbkrSettings,
  query: DataQuery<QuoteParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const conid = await conidOf(ctx, settings, query.params, signal);
  const body = await ibkrRequest(ctx, settings, SNAPSHOT, { params: { conids: conid, fields: SNAPSHOT_FIELDS } }, signal);
  if (!Array.isArray(body)) throw malformed(SNAPSHOT, '(body)', 'is not a list');
  let index = -1;
  for (const [number, entry] of body.entries()) {
    if (conidField(recordField(entry, SNAPSHOT, `[${number}]`).conid, SNAPSHOT, `[${number}].conid`) === conid) index = number;
  }
  const snapshot = index < 0 ? undefined : (body[index] as Record<string, unknown>);
  const last = snapshot ? snapshotPrice(snapshot['31'], `[${index}].31`) : undefined;
  if (!snapshot || last === undefined) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `IBKR is subscribing to market data for conid ${conid}; ask again in a second.`,
      { details: { provider: 'ibkr', endpoint: SNAPSHOT, reason: 'subscribing', conid, retryAfterSeconds: 1 } },
    );
  }
  const previous = snapshotPrice(snapshot['7741'], `[${index}].7741`);
  return [
    {
      kind: 'scalar',
      value: last,
      ...(previous === undefined ? {} : { previous }),
      label: query.params.symbol ?? text(snapshot['55']) ?? `conid ${conid}`,
    },
  ];
}

const ACCOUNT_COLUMNS: TableColumn[] = [
  { name: 'accountId', type: 'string' },
  { name: 'displayName', type: 'string' },
  { name: 'currency', type: 'string' },
  { name: 'type', type: 'string' },
];

/** The accounts the logged-in user may see (`portfolio/accounts`, which IBKR wants called before other portfolio calls). */
export async function queryAccounts(
  ctx: PluginContext,
  settings: IbkrSettings,
  query: DataQuery<Record<string, never>>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const body = await ibkrRequest(ctx, settings, ACCOUNTS, {}, signal);
  if (!Array.isArray(body)) throw malformed(ACCOUNTS, '(body)', 'is not a list');
  const rows = body.slice(0, query.maxPoints).map((entry, index) => {
    const account = recordField(entry, ACCOUNTS, `[${index}]`);
    if (typeof account.accountId !== 'string') throw malformed(ACCOUNTS, `[${index}].accountId`, 'is not a string');
    return [
      account.accountId,
      text(account.displayName) ?? text(account.desc) ?? text(account.accountTitle),
      text(account.currency),
      text(account.type),
    ];
  });
  return [{ kind: 'table', columns: ACCOUNT_COLUMNS, rows }];
}
