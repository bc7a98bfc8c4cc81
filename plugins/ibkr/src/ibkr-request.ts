import { isNautilusError, NautilusError, type PluginContext } from '@nautilus/sdk';

/** The user's own Client Portal Gateway, as IBKR ships it (bin/run.sh root/conf.yaml listens on 5000). */
export const DEFAULT_BASE_URL = 'https://localhost:5000/v1/api';

/** Where requests go: `ctx.config.baseUrl` (another port, IBKR's hosted `api.ibkr.com`, a test server). */
export interface IbkrSettings {
  /** As configured, for messages ("the gateway at …"). */
  baseUrl: string;
  /** The same with a trailing slash, for resolving endpoint paths against it. */
  root: string;
}

/** Reads the plugin's settings; a base URL that is not http(s) is refused naming the setting. */
export function ibkrSettings(ctx: PluginContext): IbkrSettings {
  const configured = ctx.config.baseUrl;
  if (
    configured !== undefined &&
    !(typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured))
  ) {
    throw new NautilusError('VALIDATION', `IBKR: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`, {
      fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
    });
  }
  const baseUrl = (configured as string | undefined) ?? DEFAULT_BASE_URL;
  return { baseUrl, root: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/` };
}

export interface IbkrCall {
  /** Query string parameters; undefined ones are left out. */
  params?: Record<string, string | undefined>;
  /** A JSON body: the call becomes a POST. */
  json?: unknown;
}

/**
 * Calls the gateway's `endpoint` (e.g. `iserver/marketdata/history`) and returns the parsed JSON
 * (an object or a list). The host's `ctx.fetch` holds requests to the declared limits and retries
 * throttled or failing GETs; what still fails becomes a NautilusError saying what to do: a gateway
 * that is not logged in (HTTP 401, `{"error":"not authenticated"}` or `{"statusCode":401}`), one that
 * does not answer (connection refused), one whose self-signed certificate was not allowed,
 * RATE_LIMITED (429), NOT_FOUND (404) or DATA_SOURCE_ERROR naming the endpoint.
 */
export async function ibkrRequest(
  ctx: PluginContext,
  settings: IbkrSettings,
  endpoint: string,
  call: IbkrCall,
  signal: AbortSignal,
): Promise<unknown> {
  const url = new URL(endpoint, settings.root);
  for (const [name, value] of Object.entries(call.params ?? {})) if (value !== undefined) url.searchParams.set(name, value);
  const details = { provider: 'ibkr', endpoint };
  const init: RequestInit =
    call.json === undefined
      ? { signal }
      : { signal, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.json) };
  let response: Response;
  try {
    response = await ctx.fetch(url, init);
  } catch (error) {
    throw unreachable(error, settings, endpoint, signal);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const said = typeof record?.error === 'string' ? record.error.replace(/\s+/g, ' ').trim().slice(0, 200) : undefined;
  if (response.status === 401 || record?.statusCode === 401 || (said !== undefined && /not authenticated/i.test(said))) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `The IBKR Client Portal gateway at ${settings.baseUrl} is not logged in: open it in a browser, log in, then try again.`,
      { details: { ...details, reason: 'not-authenticated', status: response.status } },
    );
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new NautilusError(
      'RATE_LIMITED',
      `IBKR is throttling requests (${endpoint}): the gateway allows 10 a second; try again in a few seconds.`,
      { details: { ...details, ...(seconds > 0 ? { retryAfterSeconds: seconds } : {}) } },
    );
  }
  if (response.status === 404) {
    throw new NautilusError(
      'NOT_FOUND',
      `IBKR answered 404 for ${endpoint}${said ? ` (${said})` : ''}: check the symbol or conid, and that baseUrl ends in /v1/api.`,
      { details: { ...details, status: 404 } },
    );
  }
  if (!response.ok) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `IBKR answered HTTP ${response.status} for ${endpoint}${said ? ` (${said})` : ''}; try again later.`,
      { details: { ...details, status: response.status } },
    );
  }
  if (body === undefined) {
    throw new NautilusError('DATA_SOURCE_ERROR', `IBKR sent a body that is not JSON for ${endpoint}.`, { details });
  }
  if (said !== undefined) {
    throw new NautilusError('DATA_SOURCE_ERROR', `IBKR refused ${endpoint}: ${said}`, { details });
  }
  return body;
}

/** Node's error codes on a failed fetch: on its cause, the cause's cause, or each attempt of an AggregateError. */
function errorCodes(error: unknown, codes = new Set<string>(), depth = 0): Set<string> {
  if (typeof error !== 'object' || error === null || depth > 5) return codes;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.add(code);
  errorCodes(cause, codes, depth + 1);
  if (Array.isArray(errors)) for (const each of errors) errorCodes(each, codes, depth + 1);
  return codes;
}

const CERTIFICATE_CODES = [
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];

/** What a fetch that threw becomes: an abort stays itself; a gateway that is not running or not trusted says so. */
function unreachable(error: unknown, settings: IbkrSettings, endpoint: string, signal: AbortSignal): unknown {
  if (signal.aborted || isNautilusError(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return error;
  const codes = errorCodes(error);
  const details = { provider: 'ibkr', endpoint };
  if (codes.has('ECONNREFUSED')) {
    return new NautilusError(
      'DATA_SOURCE_ERROR',
      `No IBKR Client Portal gateway answers at ${settings.baseUrl}: start it (bin/run.sh root/conf.yaml) or fix baseUrl.`,
      { details: { ...details, reason: 'unreachable' }, cause: error },
    );
  }
  if (CERTIFICATE_CODES.some((code) => codes.has(code))) {
    return new NautilusError(
      'DATA_SOURCE_ERROR',
      `The IBKR Client Portal gateway at ${settings.baseUrl} uses a self-signed certificate: set "baseUrl" and ` +
        '"allowSelfSignedTls": true in the plugin config (NAUTILUS_PLUGIN_CONFIG) to accept it for that host.',
      { details: { ...details, reason: 'self-signed-certificate' }, cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NautilusError(
    'DATA_SOURCE_ERROR',
    `Could not reach the IBKR Client Portal gateway at ${settings.baseUrl} (${endpoint}): ${message.slice(0, 200)}`,
    { details, cause: error },
  );
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `IBKR's ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'ibkr', endpoint, field },
  });
}

/** A conid as IBKR sends it, a string ("8314") or a number (8314), as a string of digits. */
export function conidField(value: unknown, endpoint: string, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return value;
  throw malformed(endpoint, field, `is not a conid (got ${JSON.stringify(value)?.slice(0, 20)})`);
}

/** A finite number sent as a number; the field is named when it is not one. */
export function numberField(value: unknown, endpoint: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw malformed(endpoint, field, `is not a number (got ${JSON.stringify(value)?.slice(0, 20)})`);
  }
  return value;
}

/** A string or nothing (IBKR writes null for many absent fields). */
export const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** An object's fields, or the named DATA_SOURCE_ERROR when it is not an object. */
export function recordField(value: unknown, endpoint: string, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(endpoint, field, 'is not an object');
  return value as Record<string, unknown>;
}
