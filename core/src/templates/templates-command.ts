import { NautilusError } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import { findUserByName } from '../auth/users.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import type { Config } from '../config.ts';
import { loadCorePlugin } from '../core-plugin.ts';
import { openDatabase } from '../db/database.ts';
import type { Tables } from '../db/tables.ts';
import { createLogger } from '../logger.ts';
import type { PluginStatus } from '../plugins/plugin-registry.ts';
import { loadPlugins } from '../server.ts';
import { describeDryRun, describeImport } from './describe-dry-run.ts';
import { TemplateService } from './template-service.ts';

export interface ImportCommandOptions {
  map?: string[];
  dryRun?: boolean;
  owner?: string;
  replace?: string;
  baseVersion?: string;
}

/**
 * Opens the database (as `users create` does) and loads the plugins (as `plugins list` does, with
 * core's own sources), so exports lock the versions installed here and imports check against them.
 */
export async function withTemplateContext<T>(
  config: Config,
  work: (db: Kysely<Tables>, plugins: PluginStatus[]) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const host = await loadPlugins(config, createLogger('silent'), new MemoryBus());
  try {
    await loadCorePlugin(host, database.db);
    return await work(database.db, host.list());
  } finally {
    await host.teardown();
    await database.close();
  }
}

/** The CLI reads the database as its operator: every dashboard, as an admin sees them. */
const OPERATOR = { id: '', role: 'admin' as const };

/** `nautilus templates export <id>`: the template file's text, to redirect into a file. */
export async function exportCommand(
  db: Kysely<Tables>,
  plugins: readonly PluginStatus[],
  dashboardId: string,
  options: { templateId?: string; templateVersion?: string },
): Promise<string> {
  const service = new TemplateService(db, () => [...plugins]);
  return (await service.export(OPERATOR, dashboardId, { id: options.templateId, version: options.templateVersion })).text;
}

/**
 * `nautilus templates import <file>`: the dry run's summary with `--dry-run` (exit 1 when it has
 * errors), otherwise the import, owned by `--owner` (default `admin`).
 */
export async function importCommand(
  db: Kysely<Tables>,
  plugins: readonly PluginStatus[],
  text: string,
  options: ImportCommandOptions,
): Promise<{ output: string; ok: boolean }> {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (error) {
    throw new NautilusError('VALIDATION', `The file is not JSON: ${(error as Error).message}`);
  }
  const mapping = parseMappings(options.map ?? []);
  const ownerName = options.owner ?? 'admin';
  const owner = await findUserByName(db, ownerName);
  if (!owner)
    throw new NautilusError(
      'NOT_FOUND',
      `No user '${ownerName}'; create it with "nautilus users create" or pick another --owner`,
    );
  const actor = { id: owner.id, role: owner.role };
  const service = new TemplateService(db, () => [...plugins]);
  const replaceId = options.replace;
  const plan = await service.dryRun(actor, { template, mapping, replace: replaceId ? { dashboardId: replaceId } : undefined });
  if (options.dryRun || !plan.ok) return { output: describeDryRun(plan), ok: plan.ok };
  const target = replaceId ? plan.existing.find((dashboard) => dashboard.id === replaceId) : undefined;
  const baseVersion = options.baseVersion ? Number(options.baseVersion) : target?.version;
  const result = await service.import(actor, {
    template,
    mapping,
    replace: replaceId && baseVersion ? { dashboardId: replaceId, baseVersion } : undefined,
  });
  return { output: describeImport(result), ok: true };
}

/** `--map bars=nautilus.core/bars --map symbol=SIM:MSFT` → `{ bars: …, symbol: … }`. */
export function parseMappings(pairs: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw NautilusError.validation('--map', [{ path: 'map', message: `expected input=value, got ${JSON.stringify(pair)}` }]);
    }
    mapping[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return mapping;
}
