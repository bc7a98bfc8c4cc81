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
  if (typeof match.url !== 'string') throw malformed('package_show', 'resources[].url', 'is not a string');
  return match.url;
}

/** Reads a body up to MAX_BYTES, refusing a larger one (by Content-Length, or while reading). */
async function readLimited(response: Response, url: string): Promise<string> {
  const tooLarge = () =>
    new NautilusError(
      'VALIDATION',
      `The file at ${url} is larger than ${MAX_BYTES / 1024 / 1024} MB; download it and upload a smaller extract`,
      {
        fields: [{ path: 'params.url', message: `file over ${MAX_BYTES / 1024 / 1024} MB` }],
      },
    );
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
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
  if (!hostAllowed(settings.downloadHosts, url)) {
    throw new NautilusError(
      'VALIDATION',
      `Data.gov (CKAN) may only download files from ${settings.downloadHosts.join(', ')}; ${url.host} is not among them. An admin can add it to allowedHosts on the Data sources page.`,
      { fields: [{ path: 'params.url', message: `host ${url.host} not allowed` }] },
    );
  }
  const response = await ctx.fetch(url, { signal });
  if (!response.ok) {
    await response.body?.cancel();
    const code = response.status === 404 ? 'NOT_FOUND' : response.status === 429 ? 'RATE_LIMITED' : 'DATA_SOURCE_ERROR';
    throw new NautilusError(code, `The file at ${url.href.slice(0, 200)} answered HTTP ${response.status}`, {
      details: { provider: 'ckan', endpoint: 'resource', status: response.status },
    });
  }
  const what = `The file at ${url.pathname.split('/').pop() || url.host}`;
  const { header, rows } = parseCsv(await readLimited(response, url.href), what);
  if (rows.length > maxRows) {
    throw new NautilusError(
      'VALIDATION',
      `${what} has ${rows.length} rows, more than maxRows (${maxRows}); raise maxRows (up to 1,000,000)`,
      {
        fields: [{ path: 'params.maxRows', message: `the file has ${rows.length} rows` }],
      },
    );
  }
  if (!params.timeColumn) return [toTable(header, rows)];
  return [toTimeSeries(header, rows, params.timeColumn, params.valueColumns, query.range, what)];
}
