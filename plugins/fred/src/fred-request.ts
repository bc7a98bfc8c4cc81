import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://api.stlouisfed.org/fred/';

/** Where requests go and with which key: `ctx.config.baseUrl` (a proxy, a test server) and the FRED_API_KEY secret. */
export interface FredSettings {
  baseUrl: string;
  apiKey: string | undefined;
}

/** Reads the plugin's settings; a base URL that is not http(s) is refused naming the setting. */
export function fredSettings(ctx: PluginContext): FredSettings {
  const configured = ctx.config.baseUrl;
  let baseUrl = DEFAULT_BASE_URL;
  if (configured !== undefined) {
    const valid = typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured);
    if (!valid) {
      throw new NautilusError('VALIDATION', `FRED: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`, {
        fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
      });
    }
    baseUrl = configured.endsWith('/') ? configured : `${configured}/`;
  }
  return { baseUrl, apiKey: ctx.secrets.get('FRED_API_KEY') };
}

/**
 * GETs `endpoint` (e.g. `series/observations`) with `params` and returns the parsed JSON body. The
 * host's `ctx.fetch` holds requests to FRED's rate limit and retries throttled or failing ones; what
 * still fails becomes RATE_LIMITED (429, with the wait), VALIDATION (FRED's 400: a bad series id or
 * parameter, in FRED's words) or DATA_SOURCE_ERROR naming the endpoint.
 */
export async function fredGet(
  ctx: PluginContext,
  settings: FredSettings,
  endpoint: string,
  params: Record<string, string | number | undefined>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  if (!settings.apiKey) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      'FRED needs an API key: get one free at https://fred.stlouisfed.org/docs/api/api_key.html and set NAUTILUS_SECRET_FRED_API_KEY.',
      { details: { provider: 'fred', endpoint } },
    );
  }
  const url = new URL(endpoint, settings.baseUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, String(value));
  url.searchParams.set('api_key', settings.apiKey);
  url.searchParams.set('file_type', 'json');
  const details = { provider: 'fred', endpoint };
  const response = await ctx.fetch(url, { signal });
  const text = await response.text();
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new NautilusError('RATE_LIMITED', `FRED is throttling requests (${endpoint}); try again in a minute.`, {
      details: { ...details, ...(seconds > 0 ? { retryAfterSeconds: seconds } : {}) },
    });
  }
  const body = parseJson(text);
  if (response.status === 400) {
    const message = typeof body?.error_message === 'string' ? body.error_message.replace(/\s+/g, ' ').trim() : 'Bad Request';
    throw new NautilusError('VALIDATION', `FRED refused the request (${endpoint}): ${message}`, { details });
  }
  if (!response.ok) {
    throw new NautilusError('DATA_SOURCE_ERROR', `FRED answered HTTP ${response.status} for ${endpoint}; try again later.`, {
      details: { ...details, status: response.status },
    });
  }
  if (body === undefined) {
    throw new NautilusError('DATA_SOURCE_ERROR', `FRED sent a body that is not a JSON object for ${endpoint}.`, { details });
  }
  return body;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The DATA_SOURCE_ERROR for a response that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `FRED's ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'fred', endpoint, field },
  });
}
