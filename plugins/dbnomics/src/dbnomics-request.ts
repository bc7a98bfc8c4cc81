import { NautilusError, type PluginContext } from '@nautilus/sdk';

export const DEFAULT_BASE_URL = 'https://api.db.nomics.world/v22/';

/** `ctx.config.baseUrl` (a proxy, a test server), else DBnomics' API. */
export function baseUrlOf(ctx: PluginContext): string {
  const configured = ctx.config.baseUrl;
  if (configured === undefined) return DEFAULT_BASE_URL;
  if (!(typeof configured === 'string' && /^https?:\/\//.test(configured) && URL.canParse(configured))) {
    throw new NautilusError('VALIDATION', `DBnomics: config.baseUrl must be an http(s) URL, got ${JSON.stringify(configured)}`, {
      fields: [{ path: 'config.baseUrl', message: 'must be an http(s) URL' }],
    });
  }
  return configured.endsWith('/') ? configured : `${configured}/`;
}

/**
 * GETs `path` (codes already URL-encoded) with `params` and returns the JSON envelope. A 404 (an
 * unknown provider, dataset or series) is NOT_FOUND in DBnomics' words; a 429 RATE_LIMITED; other
 * failures, an envelope with `errors`, or a body that is not JSON, DATA_SOURCE_ERROR naming the path.
 */
export async function dbnomicsGet(
  ctx: PluginContext,
  baseUrl: string,
  path: string,
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  url.searchParams.set('format', 'json');
  const details = { provider: 'dbnomics', endpoint: path };
  const response = await ctx.fetch(url, { signal });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const said = typeof record?.message === 'string' ? ` (${record.message.slice(0, 200)})` : '';
  if (response.status === 404) throw new NautilusError('NOT_FOUND', `DBnomics has no ${path}${said}.`, { details });
  if (response.status === 429)
    throw new NautilusError('RATE_LIMITED', `DBnomics is throttling requests (${path}); try again later.`, { details });
  if (!response.ok) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `DBnomics answered HTTP ${response.status} for ${path}${said}; try again later.`,
      {
        details: { ...details, status: response.status },
      },
    );
  }
  if (!record)
    throw new NautilusError('DATA_SOURCE_ERROR', `DBnomics sent a body that is not a JSON object for ${path}.`, { details });
  if (record.errors !== null && record.errors !== undefined && !(Array.isArray(record.errors) && record.errors.length === 0)) {
    throw new NautilusError(
      'DATA_SOURCE_ERROR',
      `DBnomics reported errors for ${path}: ${JSON.stringify(record.errors).slice(0, 300)}`,
      {
        details,
      },
    );
  }
  return record;
}

/** The DATA_SOURCE_ERROR for an answer that lacks a field or holds the wrong kind of value, naming both. */
export function malformed(endpoint: string, field: string, expected: string): NautilusError {
  return new NautilusError('DATA_SOURCE_ERROR', `DBnomics' ${endpoint} answer is malformed: ${field} ${expected}.`, {
    details: { provider: 'dbnomics', endpoint, field },
  });
}
