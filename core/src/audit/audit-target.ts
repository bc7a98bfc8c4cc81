/** What an audited call changed: the kind of object, its id and the version it made, where known. */
export interface AuditTarget {
  type: string | null;
  id: string | null;
  version: number | null;
}

/** The object kind of each API area, for calls whose input or answer names the area's own object. */
const AREA_TYPES: Record<string, string> = {
  dashboards: 'dashboard',
  strategies: 'strategy',
  portfolios: 'portfolio',
  deployments: 'deployment',
  backtests: 'backtest',
  users: 'user',
  apiKeys: 'api-key',
  providers: 'provider',
  plugins: 'plugin',
  templates: 'template',
  uploads: 'upload',
  sharing: 'share-link',
  risk: 'portfolio',
};

/** Fields naming another area's object, in the order they are looked for, with the kind they name. */
const REFERENCE_FIELDS: [field: string, type: string | undefined][] = [
  ['objectId', undefined],
  ['dashboardId', 'dashboard'],
  ['strategyId', 'strategy'],
  ['portfolioId', 'portfolio'],
];

const text = (value: unknown): string | null => (typeof value === 'string' && value.length <= 200 ? value : null);
const integer = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) < 2 ** 31 ? value : null;
const fieldsOf = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Reads the target of a call from its procedure path, input and answer, the same way for every
 * procedure, so a new mutation is audited without a line of its own: the answer's `id` (what a create
 * made), else the input's `id`, `objectId` (with `objectType`), `dashboardId`, `strategyId`,
 * `portfolioId`, `pluginId` or `name`; the version is the answer's `version`, else the input's.
 * Only ids and numbers are kept, never other input (passwords, keys, documents).
 * @example auditTarget('dashboards.save', { id: 'd1', baseVersion: 2 }, { id: 'd1', version: 3 }) // { type: 'dashboard', id: 'd1', version: 3 }
 */
export function auditTarget(path: string, input: unknown, output: unknown): AuditTarget {
  const area = path.split('.')[0] ?? path;
  const areaType = AREA_TYPES[area] ?? area;
  const given = fieldsOf(input);
  const answer = fieldsOf(output);
  const version = integer(answer.version) ?? integer(answer.latestVersion) ?? integer(given.version);
  const ownId = text(answer.id) ?? text(given.id);
  if (ownId && !(area === 'sharing' && text(given.objectId))) return { type: areaType, id: ownId, version };
  for (const [field, type] of REFERENCE_FIELDS) {
    const id = text(given[field]);
    if (id) return { type: type ?? text(given.objectType) ?? areaType, id, version };
  }
  const named = text(given.pluginId) ?? text(given.name);
  return { type: named ? areaType : null, id: named, version };
}
