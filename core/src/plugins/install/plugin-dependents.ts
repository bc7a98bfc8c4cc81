import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Tables } from '../../db/tables.ts';

/** What uses a plugin: listed before it is uninstalled, so the admin knows what will stop working. */
export interface PluginDependents {
  /** Dashboards with a panel drawn by one of its widgets or querying one of its data sources. */
  dashboards: { id: string; title: string; panels: string[] }[];
  /** Running paper deployments reading bars from one of its data sources. */
  deployments: { id: string; strategyId: string; strategyName: string; dataSource: string }[];
  /** Portfolios priced from one of its data sources. */
  portfolios: { id: string; name: string; dataSource: string }[];
}

interface StoredPanel {
  id?: unknown;
  title?: unknown;
  type?: unknown;
  query?: { dataSource?: unknown };
}

/** Whether a contribution reference `<pluginId>/<id>` belongs to the plugin. */
const belongs = (ref: unknown, pluginId: string) => typeof ref === 'string' && ref.startsWith(`${pluginId}/`);

/** Dashboards (panel types and query data sources), running deployments and portfolios that use `pluginId`. */
export async function pluginDependents(db: Kysely<Tables>, pluginId: string): Promise<PluginDependents> {
  const prefix = `${pluginId}/%`;
  // Plugin ids hold only [a-z0-9.-], none of them LIKE wildcards; the text match narrows, the JSON check decides.
  const rows = await db
    .selectFrom('dashboards')
    .select(['id', 'title', 'document'])
    .where(sql<boolean>`document::text like ${`%"${pluginId}/%`}`)
    .orderBy('title')
    .execute();
  const dashboards = rows.flatMap((row) => {
    const document = (typeof row.document === 'string' ? JSON.parse(row.document) : row.document) as { panels?: StoredPanel[] };
    const panels = (document.panels ?? [])
      .filter((panel) => belongs(panel.type, pluginId) || belongs(panel.query?.dataSource, pluginId))
      .map((panel) => String(panel.title || panel.id));
    return panels.length ? [{ id: row.id, title: row.title, panels }] : [];
  });
  const deployments = await db
    .selectFrom('deployments')
    .innerJoin('strategies', 'strategies.id', 'deployments.strategy_id')
    .select(['deployments.id', 'deployments.strategy_id', 'strategies.name', 'deployments.data_source'])
    .where('deployments.status', '=', 'running')
    .where('deployments.data_source', 'like', prefix)
    .execute();
  const portfolios = await db
    .selectFrom('portfolios')
    .select(['id', 'name', 'data_source'])
    .where('data_source', 'like', prefix)
    .orderBy('name')
    .execute();
  return {
    dashboards,
    deployments: deployments.map((row) => ({
      id: row.id,
      strategyId: row.strategy_id,
      strategyName: row.name,
      dataSource: row.data_source,
    })),
    portfolios: portfolios.map((row) => ({ id: row.id, name: row.name, dataSource: row.data_source })),
  };
}
