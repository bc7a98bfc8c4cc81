import { NautilusError, type PluginContext } from '@nautilus/sdk';

/** SEC's two hosts: the ticker map lives on www, submissions and XBRL facts on data. */
export const DEFAULT_WWW_URL = 'https://www.sec.gov/';
export const DEFAULT_DATA_URL = 'https://data.sec.gov/';

/** What SEC asks of a User-Agent: who you are and an e-mail to reach you. */
const USER_AGENT_EXAMPLE = 'Acme Research admin@acme.example';
/** How long SEC blocks a client that went over its fair-access rate: 10 minutes. */
const BLOCK_SECONDS = 600;

/**
 * Where requests go and how they say who sends them: `ctx.config.baseUrl` (a proxy, a test server)
 * replaces both SEC hosts; `ctx.config.userAgent` is the declared User-Agent SEC requires.
 */
export interface SecSettings {
  wwwUrl: string;
  dataUrl: string;
  userAgent: string | undefined;
}

/** Reads the plugin's settings; a base URL that is not http(s), or a User-Agent without a contact e-mail, is refused naming the setting. */
export function secSettings(ctx: PluginContext): SecSettings {
  const configured = ctx.config.baseUrl;
  let wwwUrl = DEFAULT_WWW_URL;
  let dataUrl = DEFAULT_DATA_URL;
  if (configured !== undefined) {
    const valid = typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured);
    if (!valid) {
      throw new NautilusError(
        'VALIDATION',
        `SEC EDGAR: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`,
        {
          fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
        },
      );
    }
    wwwUrl = dataUrl = configured.endsWith('/') ? configured : `${configured}/`;
  }
  const userAgent = ctx.config.userAgent;
  if (userAgent !== undefined) {
    const valid =
      typeof userAgent === 'string' && /^[\x20-\x7E]{1,200}$/.test(userAgent) && /[^\s@]+@[^\s@]+\.[^\s@]+/.test(userAgent);
    if (!valid) {
      throw new NautilusError(
        'VALIDATION',
        `SEC EDGAR: config.userAgent must name your organisation and a contact e-mail, e.g. "${USER_AGENT_EXAMPLE}"; got ${JSON.stringify(userAgent)?.slice(0, 100)}`,
        { fields: [{ path: 'config.userAgent', message: 'must be printable text holding a contact e-mail' }] },
      );
    }
  }
  return { wwwUrl, dataUrl, userAgent: userAgent as string | undefined };
}

export type SecHost = 'www' | 'data';

/**
 * GETs `path` on SEC's `host` with the declared User-Agent and returns the JSON object it answered.
 * The host's `ctx.fetch` holds requests to the manifest's limits and retries throttled or failing
 * ones; what still fails becomes NOT_FOUND (404, through `notFound`), RATE_LIMITED (429, or SEC's
 * "Request Rate Threshold Exceeded" 403 page) or DATA_SOURCE_ERROR naming the endpoint (another 403:
 * the User-Agent; other statuses; a body that is not a JSON object).
 */
export async function secGet(
  ctx: PluginContext,
  settings: SecSettings,
  host: SecHost,
  path: string,
  endpoint: string,
  signal: AbortSignal,
  notFound?: () => NautilusError,
): Promise<Record<string, unknown>> {
  const details = { provider: 'sec-edgar', endpoint };
  if (!settings.userAgent) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      'SEC EDGAR needs a declared User-Agent with a contact e-mail (SEC answers 403 without one): set ' +
        `"userAgent" in the NAUTILUS_PLUGIN_CONFIG file, e.g. { "nautilus.sec-edgar": { "userAgent": "${USER_AGENT_EXAMPLE}" } }.`,
      { details: { ...details, field: 'config.userAgent' } },
    );
  }
  signal.throwIfAborted();
  const url = new URL(path, host === 'www' ? settings.wwwUrl : settings.dataUrl);
  const response = await ctx.fetch(url, {
    signal,
    headers: { 'User-Agent': settings.userAgent, Accept: 'application/json' },
  });
  const text = await response.text();
  if (response.status === 404 && notFound) throw notFound();
  if (response.status === 429 || (response.status === 403 && /Request Rate Threshold Exceeded/i.test(text))) {
    const named = Number(response.headers.get('retry-after'));
    const retryAfterSeconds = named > 0 ? named : BLOCK_SECONDS;
    throw new NautilusError(
      'RATE_LIMITED',
      `SEC EDGAR is throttling requests (${endpoint}): it allows 10 requests a second in all and blocks a client that goes over for about 10 minutes; try again in ${retryAfterSeconds} s.`,
      { details: { ...details, status: response.status, retryAfterSeconds } },
    );
  }
  if (response.status === 403) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `SEC EDGAR refused the request (HTTP 403) for ${endpoint}. SEC answers 403 to a User-Agent it does not accept: make ` +
        `"userAgent" in NAUTILUS_PLUGIN_CONFIG name your organisation and a contact e-mail (now ${JSON.stringify(settings.userAgent)}).`,
      { details: { ...details, status: 403 } },
    );
  }
  if (!response.ok) {
    throw new NautilusError('DATA_SOURCE_ERROR', `SEC EDGAR answered HTTP ${response.status} for ${endpoint}; try again later.`, {
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
    throw new NautilusError('DATA_SOURCE_ERROR', `SEC EDGAR sent a body that is not a JSON object for ${endpoint}.`, { details });
  }
  return body as Record<string, unknown>;
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `SEC EDGAR's ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'sec-edgar', endpoint, field },
  });
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A "YYYY-MM-DD" date as epoch ms at 00:00 UTC; NaN for anything else (other shapes, 2021-02-30). */
export function dateMs(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.NaN;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value) ? time : Number.NaN;
}

/** A CIK as SEC writes it in paths: 10 digits, zero-padded. */
export function padCik(cik: string | number): string {
  return String(cik).padStart(10, '0');
}
