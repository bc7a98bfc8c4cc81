import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://catalog.data.gov/api/3/action/';
const DEFAULT_DOWNLOAD_HOSTS = ['*.gov'];
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

export interface CkanSettings {
  baseUrl: string;
  /** Where resource files may be downloaded from: `host`, `host:port` or `*.domain`. */
  downloadHosts: string[];
}

const invalid = (path: string, message: string, got: unknown) =>
  new NautilusError('VALIDATION', `Data.gov (CKAN): config.${path} ${message}, got ${JSON.stringify(got)?.slice(0, 100)}`, {
    fields: [{ path: `config.${path}`, message }],
  });

/**
 * `ctx.config.baseUrl` (any CKAN site's `/api/3/action/`, a proxy, a test server; default data.gov's
 * catalog) and `ctx.config.allowedHosts`, the hosts resource files may come from (default `*.gov`).
 * The host joins an admin's `allowedHosts` to the plugin's network allow-list; this plugin checks every
 * resource URL against them before asking for it.
 */
export function ckanSettings(ctx: PluginContext): CkanSettings {
  const base = ctx.config.baseUrl;
  if (base !== undefined && !(typeof base === 'string' && /^https?:\/\//.test(base) && URL.canParse(base))) {
    throw invalid('baseUrl', 'must be an http(s) URL', base);
  }
  const hosts = ctx.config.allowedHosts;
  if (
    hosts !== undefined &&
    !(Array.isArray(hosts) && hosts.every((host) => typeof host === 'string' && HOST_PATTERN.test(host)))
  ) {
    throw invalid('allowedHosts', 'must be a list of host names (host, host:port or *.domain)', hosts);
  }
  const baseUrl = typeof base === 'string' ? (base.endsWith('/') ? base : `${base}/`) : DEFAULT_BASE_URL;
  return { baseUrl, downloadHosts: (hosts as string[] | undefined) ?? DEFAULT_DOWNLOAD_HOSTS };
}

/** True when `url`'s host is one of `patterns` (`host` any port, `host:port` that port, `*.domain` its subdomains), as the host's allow-list reads them. */
export function hostAllowed(patterns: readonly string[], url: URL): boolean {
  return patterns.some((pattern) => {
    const [name = '', port] = pattern.split(':');
    if (port !== undefined && port !== url.port) return false;
    const host = name.toLowerCase();
    return host.startsWith('*.') ? url.hostname.endsWith(host.slice(1)) : url.hostname === host;
  });
}

export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `Data.gov (CKAN)'s ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'ckan', endpoint, field },
  });
}

/** A CKAN Validation Error names no message, only the fields: `{"__type": …, "rows": ["Must be a natural number"]}`. */
function fieldErrors(error: Record<string, unknown>): string {
  const fields = Object.entries(error).filter(([key]) => key !== '__type');
  if (fields.length === 0) return 'no message';
  return fields.map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' ') : JSON.stringify(value)}`).join('; ');
}

/**
 * Calls CKAN action `action` and returns its `result`. Every answer is the envelope
 * `{ help, success, result }`; `success: false` carries `error.__type` and `message`: "Not Found
 * Error" is NOT_FOUND, "Validation Error" VALIDATION, anything else DATA_SOURCE_ERROR in CKAN's words.
 */
export async function ckanAction(
  ctx: PluginContext,
  settings: CkanSettings,
  action: string,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const url = new URL(action, settings.baseUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const details = { provider: 'ckan', endpoint: action };
  const response = await ctx.fetch(url, { signal, headers: { accept: 'application/json' } });
  const text = await response.text();
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    const wait = seconds > 0 ? `in ${seconds} s` : 'in a minute';
    throw new NautilusError('RATE_LIMITED', `Data.gov (CKAN) is throttling requests (${action}); try again ${wait}.`, {
      details: { ...details, status: 429, ...(seconds > 0 ? { retryAfterSeconds: seconds } : {}) },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const envelope =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (envelope?.success === false) {
    const error = (typeof envelope.error === 'object' && envelope.error !== null ? envelope.error : {}) as Record<
      string,
      unknown
    >;
    const type = typeof error.__type === 'string' ? error.__type : 'Error';
    const message = typeof error.message === 'string' ? error.message : fieldErrors(error);
    const code = type === 'Not Found Error' ? 'NOT_FOUND' : type === 'Validation Error' ? 'VALIDATION' : 'DATA_SOURCE_ERROR';
    throw new NautilusError(code, `Data.gov (CKAN) refused ${action}: ${type}: ${message.slice(0, 300)}`, {
      details: { ...details, status: response.status },
    });
  }
  if (!response.ok) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `Data.gov (CKAN) answered HTTP ${response.status} for ${action}; try again later.`,
      {
        details: { ...details, status: response.status },
      },
    );
  }
  if (!envelope) throw malformed(action, '(body)', 'is not a JSON object');
  if (envelope.success !== true) throw malformed(action, 'success', 'is not true');
  if (!('result' in envelope)) throw malformed(action, 'result', 'is missing');
  return envelope.result;
}
