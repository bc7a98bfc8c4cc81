import type { DataQuery, PluginContext, TableFrame } from '@nautilus/sdk';
import { type CkanSettings, ckanAction, hostAllowed, malformed } from './ckan-request.ts';

type Row = (string | number | boolean | null)[];
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** A CKAN time (`2017-08-05T03:19:33.886925`, UTC without an offset) as epoch ms, or null. */
export function ckanTime(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(time) ? null : time;
}

function record(value: unknown, endpoint: string, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(endpoint, field, 'is not an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, endpoint: string, field: string): unknown[] {
  if (!Array.isArray(value)) throw malformed(endpoint, field, 'is not a list');
  return value;
}

function resourcesOf(pkg: Record<string, unknown>, endpoint: string, at: string) {
  return list(pkg.resources ?? [], endpoint, `${at}.resources`).map((item, index) =>
    record(item, endpoint, `${at}.resources[${index}]`),
  );
}

/**
 * `datasets`: package_search, one row per dataset (at most `rows`, and no more than maxPoints). A
 * table carries no total: page with `start` (the next page starts at start + rows).
 */
export async function searchDatasets(
  ctx: PluginContext,
  settings: CkanSettings,
  query: DataQuery<{ q?: string; organization?: string; format?: string; rows?: number; start?: number }>,
  signal: AbortSignal,
): Promise<TableFrame[]> {
  const { q = '', organization, format, rows = 20, start = 0 } = query.params;
  const filters = [organization && `organization:"${organization}"`, format && `res_format:"${format}"`].filter(Boolean);
  const params: Record<string, string> = { q, rows: String(Math.min(rows, query.maxPoints)), start: String(start) };
  if (filters.length > 0) params.fq = filters.join(' AND ');
  const result = record(await ckanAction(ctx, settings, 'package_search', params, signal), 'package_search', 'result');
  // Not shown (a table has no place for it), but a count that is not a number means the answer is not package_search's.
  if (typeof result.count !== 'number') throw malformed('package_search', 'result.count', 'is not a number');
  const packages = list(result.results, 'package_search', 'result.results');
  return [
    {
      kind: 'table',
      columns: [
        { name: 'id', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'title', type: 'string' },
        { name: 'organization', type: 'string' },
        { name: 'formats', type: 'string' },
        { name: 'modified', type: 'time' },
        { name: 'resources', type: 'number' },
      ],
      rows: packages.map((item, index): Row => {
        const at = `result.results[${index}]`;
        const pkg = record(item, 'package_search', at);
        if (typeof pkg.name !== 'string') throw malformed('package_search', `${at}.name`, 'is not a string');
        const resources = resourcesOf(pkg, 'package_search', at);
        const organization =
          typeof pkg.organization === 'object' && pkg.organization !== null
            ? (pkg.organization as Record<string, unknown>)
            : undefined;
        const organizationTitle = text(organization?.title) || text(organization?.name);
        const formats = [
          ...new Set(resources.map((resource) => text(resource.format)).filter((value): value is string => !!value)),
        ];
        return [
          text(pkg.id),
          pkg.name,
          text(pkg.title) ?? pkg.name,
          organizationTitle,
          formats.join(', '),
          ckanTime(pkg.metadata_modified),
          resources.length,
        ];
      }),
    },
  ];
}

/** `dataset`: package_show, one row per resource, with whether its file may be downloaded here. */
export async function showDataset(
  ctx: PluginContext,
  settings: CkanSettings,
  query: DataQuery<{ id: string }>,
  signal: AbortSignal,
): Promise<TableFrame[]> {
  const pkg = record(await ckanAction(ctx, settings, 'package_show', { id: query.params.id }, signal), 'package_show', 'result');
  const resources = resourcesOf(pkg, 'package_show', 'result');
  return [
    {
      kind: 'table',
      columns: [
        { name: 'id', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'format', type: 'string' },
        { name: 'url', type: 'string' },
        { name: 'size', type: 'number', unit: 'bytes' },
        { name: 'modified', type: 'time' },
        { name: 'downloadable', type: 'boolean' },
      ],
      rows: resources.map((resource, index): Row => {
        const url = text(resource.url);
        if (url === null) throw malformed('package_show', `result.resources[${index}].url`, 'is not a string');
        const size = typeof resource.size === 'number' ? resource.size : null;
        const allowed = URL.canParse(url) && hostAllowed(settings.downloadHosts, new URL(url));
        return [
          text(resource.id),
          text(resource.name),
          text(resource.format),
          url,
          size,
          ckanTime(resource.last_modified) ?? ckanTime(resource.created),
          allowed,
        ];
      }),
    },
  ];
}

/** `packages`: package_list, the names of the catalog's datasets. */
export async function listPackages(
  ctx: PluginContext,
  settings: CkanSettings,
  query: DataQuery<{ limit?: number; offset?: number }>,
  signal: AbortSignal,
): Promise<TableFrame[]> {
  const { limit = 100, offset = 0 } = query.params;
  const names = list(
    await ckanAction(
      ctx,
      settings,
      'package_list',
      { limit: String(Math.min(limit, query.maxPoints)), offset: String(offset) },
      signal,
    ),
    'package_list',
    'result',
  );
  return [
    {
      kind: 'table',
      columns: [{ name: 'name', type: 'string' }],
      rows: names.map((name, index) => {
        if (typeof name !== 'string') throw malformed('package_list', `result[${index}]`, 'is not a string');
        return [name];
      }),
    },
  ];
}
