import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://api.tradingeconomics.com/';

/** The countries Trading Economics' free guest access (`c=guest:guest`) covers. */
export const GUEST_COUNTRIES = ['sweden', 'mexico', 'new zealand', 'thailand'] as const;

/** Where requests go and with which key: `ctx.config.baseUrl` (a proxy, a test server) and the TRADINGECONOMICS_API_KEY secret. */
export interface TradingEconomicsSettings {
  baseUrl: string;
  apiKey: string | undefined;
}

/** Reads the plugin's settings; a base URL that is not http(s) is refused naming the setting. */
export function tradingEconomicsSettings(ctx: PluginContext): TradingEconomicsSettings {
  const configured = ctx.config.baseUrl;
  let baseUrl = DEFAULT_BASE_URL;
  if (configured !== undefined) {
    const valid = typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured);
    if (!valid) {
      throw new NautilusError(
        'VALIDATION',
        `Trading Economics: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`,
        { fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }] },
      );
    }
    baseUrl = configured.endsWith('/') ? configured : `${configured}/`;
  }
  const apiKey = ctx.secrets.get('TRADINGECONOMICS_API_KEY')?.trim();
  return { baseUrl, apiKey: apiKey ? apiKey : undefined };
}

/**
 * Country names as Trading Economics takes them on the wire: trimmed, lower case (except `All`).
 * A list without a name, or a name that does not start with a letter, is VALIDATION naming the field.
 */
export function countryList(value: string, field = 'params.country'): string[] {
  const names = value
    .split(',')
    .map((country) => country.trim().replace(/\s+/g, ' '))
    .filter((country) => country !== '')
    .map((country) => (country.toLowerCase() === 'all' ? 'All' : country.toLowerCase()));
  if (names.length === 0 || names.some((name) => !/^[a-z]/i.test(name))) {
    throw new NautilusError('VALIDATION', `Trading Economics: ${field} must name countries, e.g. united states, euro area`, {
      fields: [{ path: field, message: 'must be a comma-separated list of country names' }],
    });
  }
  return names;
}

/** A path segment of names: each one URL-encoded, joined by literal commas (Trading Economics' list form). */
export const listSegment = (names: string[]): string => names.map((name) => encodeURIComponent(name)).join(',');

/**
 * The credentials for a call about `countries`: the key when one is set, `guest:guest` when every
 * country is one guest access covers, otherwise a DATA_SOURCE_ERROR saying which secret to set.
 */
export function credentialsFor(settings: TradingEconomicsSettings, countries: string[], endpoint: string): string {
  if (settings.apiKey) return settings.apiKey;
  const guest: readonly string[] = GUEST_COUNTRIES;
  if (countries.length > 0 && countries.every((country) => guest.includes(country.toLowerCase()))) return 'guest:guest';
  throw new NautilusError(
    'DATA_SOURCE_ERROR',
    'Trading Economics needs an API key for this (without one, guest access covers only Sweden, Mexico, New Zealand ' +
      'and Thailand): get one at https://tradingeconomics.com/api and set NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY ' +
      '(in the form key:secret).',
    { details: { provider: 'trading-economics', endpoint } },
  );
}

/**
 * GETs `path` (segments already encoded) with `params`, the credentials (`c`) and `f=json`, and
 * returns the JSON array Trading Economics answered. The host's `ctx.fetch` holds requests to the
 * documented rate and retries throttled or failing ones; what still fails becomes RATE_LIMITED (409,
 * 429), DATA_SOURCE_ERROR (401/403: the key is refused; other statuses; an HTML page, a body that is
 * not JSON or not a list), VALIDATION (400, in Trading Economics' words) or NOT_FOUND (404). The key
 * never appears in a message.
 */
export async function tradingEconomicsGet(
  ctx: PluginContext,
  credentials: string,
  baseUrl: string,
  path: string,
  params: Record<string, string | undefined>,
  signal: AbortSignal,
): Promise<unknown[]> {
  signal.throwIfAborted();
  const endpoint = decodeURIComponent(path);
  const details = { provider: 'trading-economics', endpoint };
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  url.searchParams.set('c', credentials);
  url.searchParams.set('f', 'json');
  const response = await ctx.fetch(url, { signal });
  const text = await response.text();
  const said = providerMessage(text, credentials);
  if (response.status === 409 || response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new NautilusError(
      'RATE_LIMITED',
      `Trading Economics is throttling requests (${endpoint}, HTTP ${response.status}); it allows 2 a second, try again shortly.`,
      { details: { ...details, status: response.status, ...(seconds > 0 ? { retryAfterSeconds: seconds } : {}) } },
    );
  }
  if (response.status === 401 || response.status === 403) {
    const guest = credentials === 'guest:guest';
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      guest
        ? `Trading Economics refused guest access for ${endpoint} (HTTP ${response.status})${said}: set NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY to a key (key:secret) of yours.`
        : `Trading Economics refused the API key for ${endpoint} (HTTP ${response.status})${said}: the key is wrong, expired or its plan lacks access to this data; check NAUTILUS_SECRET_TRADINGECONOMICS_API_KEY (key:secret) and the plan at https://tradingeconomics.com/api.`,
      { details: { ...details, status: response.status } },
    );
  }
  if (response.status === 400) {
    throw new NautilusError('VALIDATION', `Trading Economics refused the request (${endpoint})${said}.`, {
      details: { ...details, status: 400 },
    });
  }
  if (response.status === 404) {
    throw new NautilusError('NOT_FOUND', `Trading Economics has no ${endpoint}${said}; check the country and indicator names.`, {
      details: { ...details, status: 404 },
    });
  }
  if (!response.ok) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Trading Economics answered HTTP ${response.status} for ${endpoint}${said}; try again later.`,
      { details: { ...details, status: response.status } },
    );
  }
  if (/^\s*</.test(text)) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Trading Economics sent an HTML page instead of JSON for ${endpoint} (field (body)).`,
      { details: { ...details, field: '(body)' } },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Trading Economics sent a body that is not JSON for ${endpoint} (field (body)).`,
      {
        details: { ...details, field: '(body)' },
      },
    );
  }
  if (!Array.isArray(body)) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Trading Economics' ${endpoint} answer is malformed: (body) is not a list${said}.`,
      { details: { ...details, field: '(body)' } },
    );
  }
  return body;
}

/** Trading Economics' own words from an error body (`{"Message": …}` or short text), without the credentials. */
function providerMessage(text: string, credentials: string): string {
  let message: string | undefined;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      const value = record.Message ?? record.message ?? record.error;
      if (typeof value === 'string') message = value;
    } else if (typeof body === 'string') message = body;
  } catch {
    if (text.trim() !== '' && !/^\s*</.test(text) && text.length <= 300) message = text;
  }
  if (!message) return '';
  const clean = redact(message.replace(/\s+/g, ' ').trim(), credentials).slice(0, 200);
  return clean ? ` (${clean})` : '';
}

/** `text` with the credentials, and the key part of them, blanked out. */
function redact(text: string, credentials: string): string {
  let clean = text;
  for (const secret of [credentials, ...credentials.split(':')]) {
    if (secret.length >= 4) clean = clean.split(secret).join('***');
  }
  return clean;
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `Trading Economics' ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'trading-economics', endpoint, field },
  });
}

const DAY_MS = 86_400_000;
/** The range of dates Trading Economics' paths can carry. */
const FIRST_DAY = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS);
const LAST_DAY = Math.floor(Date.UTC(9999, 11, 31) / DAY_MS);

/** The UTC days (days since 1970-01-01) a query range `[from, to)` touches, clamped to years 1900-9999. */
export function rangeDays(range: { from: number; to: number }): { first: number; last: number } {
  const first = Math.min(LAST_DAY, Math.max(FIRST_DAY, Math.floor(range.from / DAY_MS)));
  const last = Math.min(LAST_DAY, Math.max(first, Math.floor((range.to - 1) / DAY_MS)));
  return { first, last };
}

/** A day number as `YYYY-MM-DD`. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The answers for the days `first`..`last`, fetched whole when the answer stays under `cap` rows,
 * otherwise (an answer of exactly `cap` rows may have been cut) in halves, recursively, at most
 * `maxDepth` times deep. A range that still fills the cap (or a single full day) is an error, never
 * a silently truncated answer.
 */
export async function fetchSplit<T>(
  fetchDays: (first: number, last: number) => Promise<T[]>,
  first: number,
  last: number,
  cap: number,
  describe: string,
  signal: AbortSignal,
  maxDepth = 6,
  depth = 0,
): Promise<T[]> {
  signal.throwIfAborted();
  const rows = await fetchDays(first, last);
  if (rows.length < cap) return rows;
  if (depth >= maxDepth || first === last) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Trading Economics answered its ${cap}-row maximum for ${describe} between ${isoDay(first)} and ${isoDay(last)} ` +
        `even after splitting the range ${depth} times; narrow the time range or the countries so nothing is cut off.`,
      { details: { provider: 'trading-economics', endpoint: describe, rows: cap } },
    );
  }
  const middle = Math.floor((first + last) / 2);
  const earlier = await fetchSplit(fetchDays, first, middle, cap, describe, signal, maxDepth, depth + 1);
  const later = await fetchSplit(fetchDays, middle + 1, last, cap, describe, signal, maxDepth, depth + 1);
  return [...earlier, ...later];
}

/**
 * Trading Economics' date-times (UTC, written without an offset: `2023-01-06T13:30:00`, sometimes
 * with up to 7 decimals or as a bare date) as epoch ms; NaN when `value` is none of these.
 */
export function utcTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value.trim());
  if (!match) return Number.NaN;
  const [, date, clock = '00:00', seconds = '00', fraction = '', zone = 'Z'] = match;
  return Date.parse(`${date}T${clock}:${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}${zone}`);
}
