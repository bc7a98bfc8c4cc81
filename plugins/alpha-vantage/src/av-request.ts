import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://www.alphavantage.co/query';

export interface AlphaVantageSettings {
  baseUrl: string;
  apiKey: string | undefined;
}

/** `ctx.config.baseUrl` (a proxy, a test server; default Alpha Vantage's one endpoint) and the ALPHAVANTAGE_API_KEY secret. */
export function alphaVantageSettings(ctx: PluginContext): AlphaVantageSettings {
  const configured = ctx.config.baseUrl;
  if (
    configured !== undefined &&
    !(typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured))
  ) {
    throw new NautilusError(
      'VALIDATION',
      `Alpha Vantage: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`,
      {
        fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
      },
    );
  }
  return { baseUrl: (configured as string | undefined) ?? DEFAULT_BASE_URL, apiKey: ctx.secrets.get('ALPHAVANTAGE_API_KEY') };
}

/**
 * Calls Alpha Vantage's `function` with `params` and returns the JSON object it answered. Alpha
 * Vantage answers throttling and errors with HTTP 200 too, told apart by the top-level key: `Note` or
 * `Information` (the per-minute or per-day quota) is RATE_LIMITED, `Error Message` (an unknown
 * symbol, a bad call) is VALIDATION, never an empty chart.
 */
export async function alphaVantageGet(
  ctx: PluginContext,
  settings: AlphaVantageSettings,
  fn: string,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const details = { provider: 'alpha-vantage', endpoint: fn };
  if (!settings.apiKey) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      'Alpha Vantage needs an API key: get one free at https://www.alphavantage.co/support/#api-key and set NAUTILUS_SECRET_ALPHAVANTAGE_API_KEY.',
      { details },
    );
  }
  const url = new URL(settings.baseUrl);
  url.searchParams.set('function', fn);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  url.searchParams.set('apikey', settings.apiKey);
  const response = await ctx.fetch(url, { signal });
  const text = await response.text();
  if (response.status === 429) {
    throw new NautilusError('RATE_LIMITED', `Alpha Vantage is throttling requests (${fn}); try again later.`, { details });
  }
  if (!response.ok) {
    throw new NautilusError('DATA_SOURCE_ERROR', `Alpha Vantage answered HTTP ${response.status} for ${fn}; try again later.`, {
      details: { ...details, status: response.status },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new NautilusError('DATA_SOURCE_ERROR', `Alpha Vantage sent a body that is not a JSON object for ${fn}.`, { details });
  }
  const record = body as Record<string, unknown>;
  const throttle = record.Note ?? record.Information;
  if (typeof throttle === 'string') {
    // The per-minute note names both quotas; the daily one only its own.
    const daily = !/per minute/i.test(throttle) && /per day|daily/i.test(throttle);
    throw new NautilusError(
      'RATE_LIMITED',
      `Alpha Vantage refused the call for its quota (${daily ? 'requests per day' : 'requests per minute'}): ${throttle.slice(0, 300)}`,
      { details: { ...details, quota: daily ? 'day' : 'minute', retryAfterSeconds: daily ? secondsToUtcMidnight() : 60 } },
    );
  }
  if (typeof record['Error Message'] === 'string') {
    throw new NautilusError('VALIDATION', `Alpha Vantage refused the call (${fn}): ${record['Error Message'].slice(0, 300)}`, {
      details,
    });
  }
  return record;
}

/** Alpha Vantage's daily quota resets at midnight UTC. */
function secondsToUtcMidnight(now = Date.now()): number {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - now) / 1000);
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `Alpha Vantage's ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'alpha-vantage', endpoint, field },
  });
}

/** A number Alpha Vantage sent as a string ("122.6700"); the field is named when it is not one. */
export function numberField(value: unknown, endpoint: string, field: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw malformed(endpoint, field, `is not a number (got ${JSON.stringify(value)?.slice(0, 20)})`);
  return number;
}
