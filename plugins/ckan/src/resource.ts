import { type DataQuery, type Frame, NautilusError, type PluginContext } from '@nautilus/sdk';
import { type CkanSettings, ckanAction, hostAllowed, malformed } from './ckan-request.ts';
import { parseCsv, toTable, toTimeSeries } from './csv-table.ts';

/** Resource files larger than this are refused rather than read into memory. */
export const MAX_BYTES = 50 * 1024 * 1024;

export interface ResourceParams {
  url?: string;
  dataset?: string;
  resource?: string;
  timeColumn?: string;
  valueColumns?: string[];
  maxRows?: number;
}

/** The resource's URL: given, or looked up by dataset and resource (id or name) through package_show. */
async function resourceUrl(
  ctx: PluginContext,
  settings: CkanSettings,
  params: ResourceParams,
  signal: AbortSignal,
): Promise<string> {
  if (params.url) return params.url;
  if (!params.dataset || !params.resource) {
    throw new NautilusError('VALIDATION', 'Data.gov (CKAN) resource: give url, or dataset and resource', {
      fields: [{ path: 'params.url', message: 'required unless dataset and resource are given' }],
    });
  }
  const pkg = await ckanAction(ctx, settings, 'package_show', { id: params.dataset }, signal);
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg))
    throw malformed('package_show', 'result', 'is not an object');
  const resources = (pkg as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) throw malformed('package_show', 'result.resources', 'is not a list');
  const match = resources.find(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      ((item as Record<string, unknown>).id === params.resource || (item as Record<string, unknown>).name === params.resource),
  ) as Record<string, unknown> | undefined;
  if (!match) {
    throw new NautilusError('NOT_FOUND', `Dataset ${params.dataset} has no resource ${params.resource}`, {
      fields: [{ path: 'params.resource', message: 'not a resource of the dataset' }],
    });
  }
  if (typeof match.url !== 'string') {
    throw malformed('package_show', `result.resources[${resources.indexOf(match)}].url`, 'is not a string');
  }
  return match.url;
}

/** Reads a body up to `limit` bytes (MAX_BYTES), refusing a larger one by its Content-Length or while reading, never cut short. */
export async function readLimited(response: Response, url: string, limit = MAX_BYTES): Promise<string> {
  const size = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit} bytes`;
  const tooLarge = () =>
    new NautilusError(
      'VALIDATION',
      `The file at ${url.slice(0, 200)} is larger than ${size}; download it and upload a smaller extract`,
      {
        fields: [{ path: 'params.url', message: `file over ${size}` }],
      },
    );
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const parts: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(parts));
}

/**
 * `resource`: a CSV file of a dataset as a table, or as time series when `timeColumn` is given. The
 * file's host must be one the admin allowed (default `*.gov`): any other is refused before a request
 * is sent. A file with more rows than `maxRows` is refused, never cut short.
 */
export async function loadResource(
  ctx: PluginContext,
  settings: CkanSettings,
  query: DataQuery<ResourceParams>,
  signal: AbortSignal,
): Promise<Frame[]> {
  const { params } = query;
  const maxRows = params.maxRows ?? 100_000;
  const address = await resourceUrl(ctx, settings, params, signal);
  if (!URL.canParse(address) || !/^https?:$/.test(new URL(address).protocol)) {
    throw new NautilusError(
      'VALIDATION',
      `Data.gov (CKAN) resource: ${JSON.stringify(address.slice(0, 200))} is not an http(s) URL`,
      {
        fields: [{ path: 'params.url', message: 'not an http(s) URL' }],
      },
    );
  }
  const url = new URL(address);
  if (!hostAllowed(settings.downloadHosts, url)) throw hostRefused(settings, url);
  const response = await ctx.fetch(url, { signal });
  // A redirect the fetch followed must end on an allowed host too (its answer is not read otherwise).
  if (response.url && URL.canParse(response.url) && !hostAllowed(settings.downloadHosts, new URL(response.url))) {
    await response.body?.cancel();
    throw hostRefused(settings, new URL(response.url), url);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const code = response.status === 404 ? 'NOT_FOUND' : response.status === 429 ? 'RATE_LIMITED' : 'DATA_SOURCE_ERROR';
    const seconds = Number(response.headers.get('retry-after'));
    const next = code === 'NOT_FOUND' ? 'check the URL or the dataset' : 'try again later';
    throw new NautilusError(code, `The file at ${url.href.slice(0, 200)} answered HTTP ${response.status}; ${next}.`, {
      details: {
        provider: 'ckan',
        endpoint: 'resource',
        status: response.status,
        ...(code === 'RATE_LIMITED' && seconds > 0 ? { retryAfterSeconds: seconds } : {}),
      },
    });
  }
  const what = `The file at ${url.pathname.split('/').pop() || url.host}`;
  // Many catalog "CSV" links lead to a landing page instead of the file.
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel();
    throw new NautilusError('DATA_SOURCE_ERROR', `${what} is a web page (text/html), not a CSV file; use the file's own URL.`, {
      details: { provider: 'ckan', endpoint: 'resource', field: 'content-type' },
    });
  }
  const csv = parseCsv(await readLimited(response, url.href), what, maxRows);
  if (csv.rows.length > maxRows) {
    throw new NautilusError('VALIDATION', `${what} has more than ${maxRows} rows; raise maxRows (up to 1,000,000) to load it`, {
      fields: [{ path: 'params.maxRows', message: `the file has more than ${maxRows} rows` }],
    });
  }
  if (!params.timeColumn) return [toTable(csv)];
  const { timeColumn, valueColumns } = params;
  return [toTimeSeries(csv, { timeColumn, valueColumns, range: query.range, maxPoints: query.maxPoints }, what)];
}

/** VALIDATION naming params.url and the allowed hosts; `via` is the URL asked for when `url` is where it redirected. */
function hostRefused(settings: CkanSettings, url: URL, via?: URL): NautilusError {
  const where = via ? `${via.host} redirected to ${url.host}, which is not among them` : `${url.host} is not among them`;
  return new NautilusError(
    'VALIDATION',
    `Data.gov (CKAN) may only download files from ${settings.downloadHosts.join(', ')}; ${where}. An admin can add it to allowedHosts on the Data sources page.`,
    { fields: [{ path: 'params.url', message: `host ${url.host} not allowed` }] },
  );
}
