import type { PluginManifest } from '@nautilus/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { PluginInstallsTable, PluginVersionsTable, Tables } from '../../db/tables.ts';

/** Where a package came from; `registry` ones can be updated by name. */
export type PackageOrigin =
  | { kind: 'upload'; fileName?: string }
  | { kind: 'file'; path: string }
  | { kind: 'registry'; registry: string; name: string }
  | { kind: 'url'; url: string }
  | { kind: 'folder'; path: string };

/** One stored version of a plugin, its JSON columns read. */
export interface StoredVersion {
  pluginId: string;
  version: string;
  packageName: string;
  origin: PackageOrigin;
  integrity: string;
  manifest: PluginManifest;
  files: Record<string, string>;
  signature: unknown;
  sizeBytes: number;
  stagedAt: Date;
  approvedAt: Date | null;
}

export type StoredInstall = Selectable<PluginInstallsTable>;

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

type VersionColumns = Omit<Selectable<PluginVersionsTable>, 'tarball'>;
const VERSION_COLUMNS = [
  'plugin_id',
  'version',
  'package_name',
  'origin',
  'integrity',
  'manifest',
  'files',
  'signature',
  'size_bytes',
  'staged_by',
  'staged_at',
  'approved_by',
  'approved_at',
] as const;

function toVersion(row: VersionColumns): StoredVersion {
  return {
    pluginId: row.plugin_id,
    version: row.version,
    packageName: row.package_name,
    origin: json<PackageOrigin>(row.origin),
    integrity: row.integrity,
    manifest: json<PluginManifest>(row.manifest),
    files: json<Record<string, string>>(row.files),
    signature: row.signature === null ? null : json<unknown>(row.signature),
    sizeBytes: row.size_bytes,
    stagedAt: row.staged_at,
    approvedAt: row.approved_at,
  };
}

/** Reads and writes the plugin_versions and plugin_installs tables; no rules, those are the installer's. */
export class InstallStore {
  readonly db: Kysely<Tables>;

  constructor(db: Kysely<Tables>) {
    this.db = db;
  }

  async version(pluginId: string, version: string): Promise<StoredVersion | undefined> {
    const row = await this.db
      .selectFrom('plugin_versions')
      .select(VERSION_COLUMNS)
      .where('plugin_id', '=', pluginId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && toVersion(row);
  }

  async versions(pluginId?: string): Promise<StoredVersion[]> {
    let query = this.db.selectFrom('plugin_versions').select(VERSION_COLUMNS).orderBy('plugin_id').orderBy('staged_at');
    if (pluginId) query = query.where('plugin_id', '=', pluginId);
    return (await query.execute()).map(toVersion);
  }

  async tarball(pluginId: string, version: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('plugin_versions')
      .select('tarball')
      .where('plugin_id', '=', pluginId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && Buffer.from(row.tarball, 'base64');
  }

  /** Stores a staged (unapproved) version, replacing an unapproved one of the same version. */
  async stage(
    version: Omit<StoredVersion, 'stagedAt' | 'approvedAt'>,
    tarball: Uint8Array,
    userId: string | null,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('plugin_versions')
        .where('plugin_id', '=', version.pluginId)
        .where('version', '=', version.version)
        .where('approved_at', 'is', null)
        .execute();
      await tx
        .insertInto('plugin_versions')
        .values({
          plugin_id: version.pluginId,
          version: version.version,
          package_name: version.packageName,
          origin: JSON.stringify(version.origin),
          integrity: version.integrity,
          manifest: JSON.stringify(version.manifest),
          files: JSON.stringify(version.files),
          signature: version.signature === null ? null : JSON.stringify(version.signature),
          tarball: Buffer.from(tarball).toString('base64'),
          size_bytes: version.sizeBytes,
          staged_by: userId,
        })
        .execute();
    });
  }

  async install(pluginId: string): Promise<StoredInstall | undefined> {
    return this.db.selectFrom('plugin_installs').selectAll().where('plugin_id', '=', pluginId).executeTakeFirst();
  }

  async installs(): Promise<StoredInstall[]> {
    return this.db.selectFrom('plugin_installs').selectAll().orderBy('plugin_id').execute();
  }

  /**
   * Makes an approved version current (the old current becomes the previous one) and enabled, and
   * drops approved versions older than those two: a rollback goes back one step.
   */
  async makeCurrent(pluginId: string, version: string, userId: string | null, approve: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      if (approve) {
        await tx
          .updateTable('plugin_versions')
          .set({ approved_at: new Date(), approved_by: userId })
          .where('plugin_id', '=', pluginId)
          .where('version', '=', version)
          .execute();
      }
      const existing = await tx
        .selectFrom('plugin_installs')
        .selectAll()
        .where('plugin_id', '=', pluginId)
        .forUpdate()
        .executeTakeFirst();
      const previous =
        existing && existing.current_version !== version ? existing.current_version : (existing?.previous_version ?? null);
      await tx
        .insertInto('plugin_installs')
        .values({
          plugin_id: pluginId,
          current_version: version,
          previous_version: previous,
          enabled: true,
          updated_by: userId,
          updated_at: new Date(),
        })
        .onConflict((conflict) =>
          conflict.column('plugin_id').doUpdateSet({
            current_version: version,
            previous_version: previous,
            enabled: true,
            updated_by: userId,
            updated_at: new Date(),
          }),
        )
        .execute();
      const keep = [version, previous].filter((item): item is string => item !== null);
      await tx
        .deleteFrom('plugin_versions')
        .where('plugin_id', '=', pluginId)
        .where('approved_at', 'is not', null)
        .where('version', 'not in', keep)
        .execute();
    });
  }

  async setInstall(
    pluginId: string,
    change: Partial<Pick<StoredInstall, 'current_version' | 'previous_version' | 'enabled'>>,
    userId: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('plugin_installs')
      .set({ ...change, updated_by: userId, updated_at: new Date() })
      .where('plugin_id', '=', pluginId)
      .execute();
  }

  async discard(pluginId: string, version: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('plugin_versions')
      .where('plugin_id', '=', pluginId)
      .where('version', '=', version)
      .where('approved_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async forget(pluginId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('plugin_installs').where('plugin_id', '=', pluginId).execute();
      await tx.deleteFrom('plugin_versions').where('plugin_id', '=', pluginId).execute();
    });
  }
}
