import { type Kysely, sql } from 'kysely';
import semver from 'semver';
import type { Tables } from '../db/tables.ts';
import { type Actor, allows, permissionOn } from '../sharing/permissions.ts';

/** A dashboard created from a template, which a newer version of it may replace. */
export interface TemplatedDashboard {
  id: string;
  title: string;
  version: number;
  templateVersion: string;
  /** Whether the template being imported is newer than the one this dashboard was made from. */
  newer: boolean;
}

/** At most this many are offered for replacing (each gets a diff). */
const MAX_OFFERED = 10;

/**
 * The dashboards made from template `templateId` (their document's `template.id`) that `actor` may
 * edit, newest first. The provenance lives in the document, so it follows the dashboard's history.
 */
export async function dashboardsFromTemplate(
  db: Kysely<Tables>,
  actor: Actor,
  templateId: string,
  importing: string,
): Promise<TemplatedDashboard[]> {
  const { rows } = await sql<{ id: string; title: string; version: number; template_version: string | null }>`
    select id, title, version, document->'template'->>'version' as template_version
    from dashboards
    where document->'template'->>'id' = ${templateId}
    order by updated_at desc
  `.execute(db);
  const editable: TemplatedDashboard[] = [];
  for (const row of rows) {
    if (editable.length >= MAX_OFFERED) break;
    if (!allows(await permissionOn(db, actor, 'dashboard', row.id), 'edit')) continue;
    const templateVersion = row.template_version ?? '0.0.0';
    const newer = semver.valid(templateVersion) ? semver.gt(importing, templateVersion) : true;
    editable.push({ id: row.id, title: row.title, version: row.version, templateVersion, newer });
  }
  return editable;
}
