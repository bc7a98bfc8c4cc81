import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://query2.finance.yahoo.com';
const PROVIDER = 'yahoo';

/**
 * Where requests go (`ctx.config.baseUrl`: a proxy, a test server; default query2.finance.yahoo.com)
 * and the optional `crumb` and `cookie` that Yahoo's v7 quote and v10 quoteSummary endpoints want.
 */
export interface YahooSettings {
  baseUrl: string;
  crumb: string | undefined;
  cookie: string | undefined;
}

/** Reads the plugin's config; a base URL that is not http(s), or a crumb or cookie that is not text, is refused naming the setting. */
export function yahooSettings(ctx: PluginContext): YahooSettings {
  const configured = ctx.config.baseUrl;
  if (
    configured !== undefined &&
    !(typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured))
  ) {
    throw new NautilusError(
      'VALIDATION',
      `Yahoo Finance: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`,
      {
        fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
      },
    );
  }
  const text = (name: 'crumb' | 'cookie'): string | undefined => {
    const value = ctx.config[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      throw new NautilusError('VALIDATION', `Yahoo Finance: config.${name} must be a string, got ${JSON.stringify(value)}`, {
        fields: [{ path: `config.${name}`, message: 'must be a string' }],
      });
    }
    return value;
  };
  const baseUrl = ((configured as string | undefined) ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  return { baseUrl, crumb: text('crumb'), cookie: text('cookie') };
}

export interface YahooCall {
  /** The endpoint as named in errors, e.g. `v8/finance/chart`. */
  endpoint: string;
  /** The path below the base URL, e.g. `v8/finance/chart/AAPL` (already escaped). */
  path: string;
  params: Record<string, string>;
  /** v7 quote and v10 quoteSummary: send the configured crumb and cookie, and explain a 401 in their terms. */
  crumb?: boolean;
}

/**
 * GETs one Yahoo Finance endpoint and returns the JSON object it answered. Yahoo's API is unofficial
 * and undocumented; what the host's `ctx.fetch` could not retry away becomes:
 * - HTTP 429, a "Too Many Requests" text, or HTTP 401/403 or an HTML page where JSON was due (Yahoo
 *   blocking this server) → RATE_LIMITED saying to try later or use another source;
 * - a 401 or "Invalid Crumb" from v7/v10 → DATA_SOURCE_ERROR telling the admin to configure a crumb;
 * - Yahoo's error envelope (`{chart|quoteSummary|finance: {error: {code, description}}}`): `Not Found`
 *   → NOT_FOUND, `Bad Request`/`Unprocessable Entity` → VALIDATION, others DATA_SOURCE_ERROR;
 * - any other error status or a body that is not a JSON object → DATA_SOURCE_ERROR naming the endpoint.
 */
export async function yahooGet(
  ctx: PluginContext,
  settings: YahooSettings,
  call: YahooCall,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const { endpoint } = call;
  const details = { provider: PROVIDER, endpoint };
  const url = new URL(`${settings.baseUrl}/${call.path}`);
  for (const [name, value] of Object.entries(call.params)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.crumb) {
    if (settings.crumb) url.searchParams.set('crumb', settings.crumb);
    if (settings.cookie) headers.cookie = settings.cookie;
  }
  const response = await ctx.fetch(url, { signal, headers });
  const text = await response.text();
  const status = response.status;
  const body = parseObject(text);
  if (status === 429 || (!body && /too many requests/i.test(text.slice(0, 500)))) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new NautilusError(
      'RATE_LIMITED',
      `Yahoo Finance is throttling requests from this server (${endpoint}, HTTP ${status}); try again in a few minutes or use another source.`,
      { details: { ...details, status, ...(seconds > 0 ? { retryAfterSeconds: seconds } : {}) } },
    );
  }
  const envelope = body ? yahooError(body) : undefined;
  if (call.crumb && (status === 401 || /crumb/i.test(envelope?.description ?? ''))) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Yahoo Finance refused ${endpoint} (HTTP ${status}${envelope ? `: ${envelope.description || envelope.code}` : ''}). ` +
        `Quotes and summaries need a Yahoo session: set "crumb" and "cookie" for nautilus.yahoo in NAUTILUS_PLUGIN_CONFIG ` +
        `(${settings.crumb ? 'the configured crumb was refused; refresh it and its cookie' : 'none is configured'}). ` +
        'Bars, events and search need neither.',
      { details: { ...details, status, field: 'crumb' } },
    );
  }
  const page = !body && /^\s*</.test(text);
  if (status === 401 || status === 403 || (page && status < 300)) {
    throw new NautilusError(
      'RATE_LIMITED',
      `Yahoo Finance is blocking requests from this server (${endpoint}, HTTP ${status}${page ? ', an HTML page instead of JSON' : ''}); ` +
        'try again later or use another source.',
      { details: { ...details, status } },
    );
  }
  if (envelope) {
    const message = `Yahoo Finance ${endpoint}: ${envelope.code}${envelope.description ? ` (${envelope.description})` : ''}`;
    if (/not ?found/i.test(envelope.code)) throw new NautilusError('NOT_FOUND', message, { details: { ...details, status } });
    if (/bad request|unprocessable/i.test(envelope.code)) {
      throw new NautilusError('VALIDATION', message, { details: { ...details, status } });
    }
    throw new NautilusError('DATA_SOURCE_ERROR', `${message}; try again later.`, { details: { ...details, status } });
  }
  if (status < 200 || status >= 300) {
    throw new NautilusError('DATA_SOURCE_ERROR', `Yahoo Finance answered HTTP ${status} for ${endpoint}; try again later.`, {
      details: { ...details, status },
    });
  }
  if (!body) {
    throw new NautilusError('DATA_SOURCE_ERROR', `Yahoo Finance sent a body that is not a JSON object for ${endpoint}.`, {
      details,
    });
  }
  return body;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The `{code, description}` of Yahoo's error envelope, under any top-level key (`chart`, `quoteSummary`, `finance`, …). */
function yahooError(body: Record<string, unknown>): { code: string; description: string } | undefined {
  for (const part of Object.values(body)) {
    const error = isRecord(part) ? part.error : undefined;
    if (isRecord(error)) {
      return {
        code: typeof error.code === 'string' ? error.code : 'error',
        description: typeof error.description === 'string' ? error.description.slice(0, 300) : '',
      };
    }
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `Yahoo Finance's ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: PROVIDER, endpoint, field },
  });
}

/** A finite number, or the malformed error naming the field. */
export function numberAt(value: unknown, endpoint: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw malformed(endpoint, field, `is not a number (got ${JSON.stringify(value)?.slice(0, 20)})`);
  }
  return value;
}

/** An object, or the malformed error naming the field. */
export function recordAt(value: unknown, endpoint: string, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw malformed(endpoint, field, 'is missing or not an object');
  return value;
}
