import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Bus, NautilusError, type PluginManifest } from '@nautilus/sdk';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Tables } from '../../db/tables.ts';
import type { IsolationReport } from '../isolation/enforcement.ts';
import type { PluginHost } from '../plugin-host.ts';
import { extractPackage, PACKAGE_LIMITS, type PackageLimits } from './extract-package.ts';
import { inspectPackage } from './inspect-package.ts';
import { InstallStore, type PackageOrigin, type StoredInstall, type StoredVersion } from './install-store.ts';
import { sriSha512 } from './integrity.ts';
import { packFolder } from './pack-folder.ts';
import { type ContributionSummary, type PackageReview, reviewOf, summarizeContributions } from './package-review.ts';
import { describeSignature, type SignatureStatus, signatureStatus } from './package-signature.ts';
import { type PluginDependents, pluginDependents } from './plugin-dependents.ts';
import { download, fetchFromRegistry } from './registry-client.ts';
import { TrustSettings } from './trust-settings.ts';

/** Where an instance says it changed an installed plugin, so the others load, reload or drop it too. */
export const INSTALLS_TOPIC = 'nautilus.plugins.installs.changed';

export interface PluginInstallerOptions {
  db: Kysely<Tables>;
  /** The running host; absent for the CLI, which only records installs for the server to load. */
  host?: PluginHost;
  dataDir: string;
  coreVersion: string;
  registry: string;
  requireSignedByEnvironment: boolean;
  bus?: Bus;
  logger: Logger;
  limits?: PackageLimits;
}

/** An installed plugin as the Plugins page shows it. */
export interface InstalledPlugin {
  pluginId: string;
  name: string;
  description: string;
  version: string;
  previousVersion: string | null;
  enabled: boolean;
  engine: string;
  origin: PackageOrigin;
  integrity: string;
  signature: SignatureStatus;
  permissions: PluginManifest['permissions'];
  contributes: ContributionSummary;
  /** `disabled` by an admin; `not loaded` when this process has no host (the CLI). */
  state: 'active' | 'failed' | 'disabled' | 'not loaded';
  error: string | null;
  /** Where it runs and what confines it, part by part, as the host reports it (null when not loaded). */
  isolation: IsolationReport | null;
  /** Times its process was restarted after stopping since it was loaded. */
  restarts: number;
  updatedAt: Date;
  /** Versions staged for it and not approved yet. */
  pending: PackageReview[];
}

export type UpdateResult =
  | { status: 'up-to-date'; review: PackageReview }
  | { status: 'applied'; review: PackageReview; plugin: InstalledPlugin }
  | { status: 'awaiting-approval'; review: PackageReview };

/**
 * Installs plugin packages: stages them (integrity, safe unpacking, the package.json manifest, the
 * signature: nothing of the plugin runs), loads an approved version through the host while the
 * server runs, and enables, disables, updates, rolls back and uninstalls them. Every change is
 * recorded in the database first and announced on the bus, so instances sharing the database follow.
 */
export class PluginInstaller {
  readonly trust: TrustSettings;
  readonly #store: InstallStore;
  readonly #options: PluginInstallerOptions;
  readonly #root: string;
  readonly #limits: PackageLimits;
  /** Why an installed plugin could not even be handed to the host (its files), by id. */
  readonly #problems = new Map<string, string>();
  /** This instance, so it does not apply its own announcements twice. */
  readonly #origin = randomUUID();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PluginInstallerOptions) {
    this.#options = options;
    this.#store = new InstallStore(options.db);
    this.trust = new TrustSettings(options.db, options.requireSignedByEnvironment);
    this.#root = resolve(options.dataDir, 'plugins');
    this.#limits = options.limits ?? PACKAGE_LIMITS;
  }

  /** Changes run one at a time: two approvals of the same plugin must not interleave their loads. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #dir(pluginId: string, version: string): string {
    return join(this.#root, pluginId, version);
  }

  // ---- staging --------------------------------------------------------------------------------

  /** Stages a tarball's bytes (an upload, a download): checks everything, runs nothing, loads nothing. */
  stage(
    bytes: Uint8Array,
    origin: PackageOrigin,
    options: { expected?: string; userId?: string | null; where?: string } = {},
  ): Promise<PackageReview> {
    return this.#serial(() => this.#stage(bytes, origin, options));
  }

  /** Stages `name@version` (a range, or the `latest` tag when omitted) from the configured registry. */
  async stageFromRegistry(
    name: string,
    version: string | undefined,
    expected?: string,
    userId: string | null = null,
  ): Promise<PackageReview> {
    const { registry } = this.#options;
    const found = await fetchFromRegistry(registry, name, version, expected, this.#limits.maxPackedBytes);
    return this.stage(
      found.bytes,
      { kind: 'registry', registry, name },
      { expected: found.integrity, userId, where: `${name}@${found.version} from ${registry}` },
    );
  }

  /** Stages a tarball downloaded from a URL (the CLI). */
  async stageFromUrl(url: string, expected?: string, userId: string | null = null): Promise<PackageReview> {
    const bytes = await download(url, this.#limits.maxPackedBytes, 'the plugin package');
    return this.stage(bytes, { kind: 'url', url }, { expected, userId, where: url });
  }

  /** Stages a local folder, packed as npm would lay it out (the CLI). */
  async stageFromFolder(path: string, userId: string | null = null): Promise<PackageReview> {
    const bytes = await packFolder(resolve(path));
    return this.stage(bytes, { kind: 'folder', path: resolve(path) }, { userId, where: resolve(path) });
  }

  async #stage(
    bytes: Uint8Array,
    origin: PackageOrigin,
    options: { expected?: string; userId?: string | null; where?: string },
  ): Promise<PackageReview> {
    const inspected = await inspectPackage(bytes, {
      scratchRoot: join(this.#root, '.staging'),
      coreVersion: this.#options.coreVersion,
      expected: options.expected,
      where: options.where ?? 'the plugin package',
      limits: this.#limits,
    }).catch((error: unknown) => {
      // A bad or incompatible manifest in a package someone hands in is their input's fault (4xx), not the server's.
      if (error instanceof NautilusError && (error.code === 'PLUGIN_INVALID' || error.code === 'PLUGIN_INCOMPATIBLE')) {
        throw new NautilusError('VALIDATION', error.message, {
          fields: error.fields,
          details: { reason: error.code },
          cause: error,
        });
      }
      throw error;
    });
    const { id, version } = inspected.manifest;
    const taken = this.#options.host?.list().find((status) => status.id === id && status.source !== 'installed');
    if (taken) {
      throw new NautilusError(
        'CONFLICT',
        `Plugin id ${id} is already used by a ${taken.source} plugin on this server; an installed plugin cannot replace it.`,
        {
          fields: [{ path: 'package.json#nautilus.id', message: 'already used' }],
        },
      );
    }
    const existing = await this.#store.version(id, version);
    if (existing?.approvedAt) {
      if (existing.integrity !== inspected.integrity) {
        throw new NautilusError(
          'CONFLICT',
          `${id}@${version} is already installed with other contents (${existing.integrity}); a changed package must have a new version.`,
          { fields: [{ path: 'package.json#nautilus.version', message: 'already installed with other contents' }] },
        );
      }
      return this.#review(existing);
    }
    const signature = signatureStatus(inspected.signature, inspected.files, await this.trust.keys());
    const refusal = await this.#refusal(signature);
    if (refusal)
      throw new NautilusError('FORBIDDEN', `${id}@${version} was not staged: ${refusal}`, {
        fields: [{ path: 'signature', message: describeSignature(signature) }],
      });
    await this.#store.stage(
      {
        pluginId: id,
        version,
        packageName: inspected.packageName,
        origin,
        integrity: inspected.integrity,
        manifest: inspected.manifest,
        files: inspected.files,
        signature: inspected.signature,
        sizeBytes: inspected.sizeBytes,
      },
      bytes,
      options.userId ?? null,
    );
    return this.#review((await this.#store.version(id, version)) as StoredVersion);
  }

  /** The review of a staged (or installed) version. */
  async review(pluginId: string, version: string): Promise<PackageReview> {
    return this.#review(await this.#version(pluginId, version));
  }

  async #review(version: StoredVersion): Promise<PackageReview> {
    const install = await this.#store.install(version.pluginId);
    const installed = install ? await this.#store.version(version.pluginId, install.current_version) : undefined;
    const signature = await this.#signature(version);
    return reviewOf(
      version,
      installed?.version === version.version ? undefined : installed,
      signature,
      await this.#refusal(signature),
    );
  }

  async #signature(version: StoredVersion): Promise<SignatureStatus> {
    return signatureStatus(version.signature, version.files, await this.trust.keys());
  }

  /** Why a package with this signature may not be installed or enabled here, or null. */
  async #refusal(signature: SignatureStatus): Promise<string | null> {
    if (signature.state === 'signed' || !(await this.trust.requireSigned()).value) return null;
    return `this server accepts only plugins signed by a trusted key, and this one is ${describeSignature(signature)}`;
  }

  async #version(pluginId: string, version: string): Promise<StoredVersion> {
    const found = await this.#store.version(pluginId, version);
    if (!found)
      throw new NautilusError('NOT_FOUND', `No staged or installed version ${version} of ${pluginId}`, {
        fields: [{ path: 'version', message: 'not found' }],
      });
    return found;
  }

  async #install(pluginId: string): Promise<StoredInstall> {
    const install = await this.#store.install(pluginId);
    if (!install)
      throw new NautilusError('NOT_FOUND', `Plugin ${pluginId} is not installed`, {
        fields: [{ path: 'pluginId', message: 'not installed' }],
      });
    return install;
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  /**
   * Approves a staged version and makes it the running one (an update keeps the old one as the
   * version a rollback returns to). `integrity` is the one the admin reviewed: a package staged
   * again since then is not approved by mistake.
   */
  approve(pluginId: string, version: string, integrity: string, userId: string | null = null): Promise<InstalledPlugin> {
    return this.#serial(async () => {
      const staged = await this.#version(pluginId, version);
      if (staged.integrity !== integrity) {
        throw new NautilusError(
          'CONFLICT',
          `${pluginId}@${version} was staged again since it was reviewed (its integrity is now ${staged.integrity}); review it again.`,
          {
            fields: [{ path: 'integrity', message: 'differs from the staged package' }],
          },
        );
      }
      await this.#allowed(staged);
      await this.#store.makeCurrent(pluginId, version, userId, true);
      return this.#changed(pluginId);
    });
  }

  /** Drops a staged version nobody approved. */
  discard(pluginId: string, version: string): Promise<void> {
    return this.#serial(async () => {
      if (!(await this.#store.discard(pluginId, version))) {
        throw new NautilusError('NOT_FOUND', `No staged, unapproved version ${version} of ${pluginId}`, {
          fields: [{ path: 'version', message: 'not staged' }],
        });
      }
    });
  }

  enable(pluginId: string, userId: string | null = null): Promise<InstalledPlugin> {
    return this.#serial(async () => {
      const install = await this.#install(pluginId);
      await this.#allowed(await this.#version(pluginId, install.current_version));
      await this.#store.setInstall(pluginId, { enabled: true }, userId);
      return this.#changed(pluginId);
    });
  }

  disable(pluginId: string, userId: string | null = null): Promise<InstalledPlugin> {
    return this.#serial(async () => {
      await this.#install(pluginId);
      await this.#store.setInstall(pluginId, { enabled: false }, userId);
      return this.#changed(pluginId);
    });
  }

  /** Runs the previous version again; the one it replaces becomes the previous (a second rollback undoes it). */
  rollback(pluginId: string, userId: string | null = null): Promise<InstalledPlugin> {
    return this.#serial(async () => {
      const install = await this.#install(pluginId);
      if (!install.previous_version) {
        throw new NautilusError('CONFLICT', `${pluginId} has no previous version to roll back to`, {
          fields: [{ path: 'pluginId', message: 'no previous version' }],
        });
      }
      await this.#allowed(await this.#version(pluginId, install.previous_version));
      await this.#store.setInstall(
        pluginId,
        { current_version: install.previous_version, previous_version: install.current_version, enabled: true },
        userId,
      );
      return this.#changed(pluginId);
    });
  }

  /**
   * Fetches a registry-installed plugin's newer version (`version`, or the registry's latest) and
   * applies it at once when it asks for nothing new; otherwise it waits, staged, for an admin.
   */
  async update(pluginId: string, version?: string, userId: string | null = null): Promise<UpdateResult> {
    const install = await this.#install(pluginId);
    const current = await this.#version(pluginId, install.current_version);
    if (current.origin.kind !== 'registry') {
      throw new NautilusError(
        'VALIDATION',
        `${pluginId} was installed from ${current.origin.kind === 'upload' ? 'an uploaded package' : `a ${current.origin.kind}`}: install the new version's package the same way`,
        {
          fields: [{ path: 'pluginId', message: 'not installed from a registry' }],
        },
      );
    }
    const review = await this.stageFromRegistry(current.origin.name, version, undefined, userId);
    if (review.version === install.current_version) return { status: 'up-to-date', review };
    if (review.needsApproval) return { status: 'awaiting-approval', review };
    const plugin = await this.approve(pluginId, review.version, review.integrity, userId);
    return { status: 'applied', review, plugin };
  }

  /** What uses the plugin: shown, and confirmed, before it is uninstalled. */
  dependents(pluginId: string): Promise<PluginDependents> {
    return pluginDependents(this.#options.db, pluginId);
  }

  /** Stops the plugin, forgets every version of it and removes its files; its data folder is kept. */
  uninstall(pluginId: string): Promise<void> {
    return this.#serial(async () => {
      const install = await this.#store.install(pluginId);
      const versions = await this.#store.versions(pluginId);
      if (!install && versions.length === 0) {
        throw new NautilusError('NOT_FOUND', `Plugin ${pluginId} is not installed`, {
          fields: [{ path: 'pluginId', message: 'not installed' }],
        });
      }
      await this.#store.forget(pluginId);
      await this.#sync(pluginId);
      await this.#announce(pluginId);
    });
  }

  async #allowed(version: StoredVersion): Promise<void> {
    const signature = await this.#signature(version);
    const refusal = await this.#refusal(signature);
    if (refusal)
      throw new NautilusError('FORBIDDEN', `${version.pluginId}@${version.version}: ${refusal}`, {
        fields: [{ path: 'signature', message: describeSignature(signature) }],
      });
  }

  async #changed(pluginId: string): Promise<InstalledPlugin> {
    await this.#sync(pluginId);
    await this.#announce(pluginId);
    return this.#view(pluginId, await this.#install(pluginId));
  }

  // ---- loading ------------------------------------------------------------------------------------

  /** At start-up: every approved, enabled install is unpacked if need be and handed to the host. */
  async loadInstalled(): Promise<void> {
    rmSync(join(this.#root, '.staging'), { recursive: true, force: true });
    for (const install of await this.#store.installs()) {
      if (install.enabled) await this.#serial(() => this.#sync(install.plugin_id));
    }
  }

  /** Follows the other instances' changes over the bus; returns the unsubscribe. */
  async follow(): Promise<() => Promise<void>> {
    const { bus, logger } = this.#options;
    if (!bus) return async () => {};
    return bus.subscribe(INSTALLS_TOPIC, (message) => {
      const { pluginId, origin } = (message ?? {}) as { pluginId?: unknown; origin?: unknown };
      if (origin === this.#origin || typeof pluginId !== 'string') return;
      this.#serial(() => this.#sync(pluginId)).catch((error: unknown) =>
        logger.warn({ err: error, plugin: pluginId }, 'could not apply a plugin install change made on another instance'),
      );
    });
  }

  async #announce(pluginId: string): Promise<void> {
    await this.#options.bus?.publish(INSTALLS_TOPIC, { pluginId, origin: this.#origin });
  }

  /**
   * Makes this instance match the database for one plugin: the current version loaded when it is
   * approved and enabled, nothing loaded otherwise, and no folders of versions it no longer keeps.
   */
  async #sync(pluginId: string): Promise<void> {
    const host = this.#options.host;
    const install = await this.#store.install(pluginId);
    this.#problems.delete(pluginId);
    if (host) await host.remove(pluginId);
    if (install?.enabled) {
      try {
        const dir = await this.#unpacked(pluginId, install.current_version);
        if (host) {
          const status = await host.add(dir, 'installed');
          // A plugin that failed before its manifest was read is recorded under its folder's name.
          if (status.id !== pluginId) {
            await host.remove(status.id);
            this.#problems.set(pluginId, status.error?.message ?? 'it failed to load');
          }
        }
      } catch (error) {
        this.#problems.set(pluginId, (error as Error).message);
        this.#options.logger.error({ plugin: pluginId, err: error }, 'installed plugin could not be loaded');
      }
    }
    this.#prune(
      pluginId,
      (await this.#store.versions(pluginId)).filter((item) => item.approvedAt).map((item) => item.version),
    );
  }

  /** The folder of an approved version, unpacked from the stored tarball when this instance lacks it. */
  async #unpacked(pluginId: string, version: string): Promise<string> {
    const stored = await this.#version(pluginId, version);
    const dir = this.#dir(pluginId, version);
    const marker = `${dir}.integrity`;
    if (existsSync(dir) && existsSync(marker) && readFileSync(marker, 'utf8') === stored.integrity) return dir;
    const bytes = await this.#store.tarball(pluginId, version);
    if (!bytes || sriSha512(bytes) !== stored.integrity) {
      throw new NautilusError(
        'INTERNAL',
        `The stored package of ${pluginId}@${version} does not match its integrity ${stored.integrity}; install it again.`,
      );
    }
    const scratch = join(this.#root, '.staging', randomUUID());
    mkdirSync(join(this.#root, '.staging'), { recursive: true, mode: 0o700 });
    await extractPackage(bytes, scratch, this.#limits);
    mkdirSync(join(this.#root, pluginId), { recursive: true, mode: 0o755 });
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    writeFileSync(marker, stored.integrity, { mode: 0o644 });
    return dir;
  }

  /** Removes the folders of versions no longer kept (and the plugin's folder once none is). */
  #prune(pluginId: string, keep: string[]): void {
    const folder = join(this.#root, pluginId);
    if (!existsSync(folder)) return;
    if (keep.length === 0) {
      rmSync(folder, { recursive: true, force: true });
      return;
    }
    for (const name of readdirSync(folder)) {
      const version = name.endsWith('.integrity') ? name.slice(0, -'.integrity'.length) : name;
      if (!keep.includes(version)) rmSync(join(folder, name), { recursive: true, force: true });
    }
  }

  // ---- views ----------------------------------------------------------------------------------------

  /** Installed plugins with their state, and packages staged for plugins not installed yet. */
  async list(): Promise<{ installed: InstalledPlugin[]; staged: PackageReview[] }> {
    const installs = await this.#store.installs();
    const installed = await Promise.all(installs.map((install) => this.#view(install.plugin_id, install)));
    const ids = new Set(installs.map((install) => install.plugin_id));
    const staged = await Promise.all(
      (await this.#store.versions())
        .filter((version) => !ids.has(version.pluginId) && !version.approvedAt)
        .map((version) => this.#review(version)),
    );
    return { installed, staged };
  }

  async plugin(pluginId: string): Promise<InstalledPlugin> {
    return this.#view(pluginId, await this.#install(pluginId));
  }

  async #view(pluginId: string, install: StoredInstall): Promise<InstalledPlugin> {
    const versions = await this.#store.versions(pluginId);
    const current = versions.find((item) => item.version === install.current_version);
    if (!current)
      throw new NautilusError('INTERNAL', `Installed plugin ${pluginId} has no stored version ${install.current_version}`);
    const host = this.#options.host;
    const status = host?.list().find((item) => item.id === pluginId && item.dir === this.#dir(pluginId, current.version));
    const problem = this.#problems.get(pluginId);
    let state: InstalledPlugin['state'] = 'not loaded';
    if (!install.enabled) state = 'disabled';
    else if (problem) state = 'failed';
    else if (status) state = status.state;
    const pending = await Promise.all(versions.filter((item) => !item.approvedAt).map((item) => this.#review(item)));
    return {
      pluginId,
      name: current.manifest.name,
      description: current.manifest.description,
      version: current.version,
      previousVersion: install.previous_version,
      enabled: install.enabled,
      engine: current.manifest.engine,
      origin: current.origin,
      integrity: current.integrity,
      signature: await this.#signature(current),
      permissions: current.manifest.permissions,
      contributes: summarizeContributions(current.manifest.contributes),
      state,
      error: problem ?? (install.enabled ? (status?.error?.message ?? null) : null),
      isolation: status?.isolation ?? null,
      restarts: status?.restarts ?? 0,
      updatedAt: install.updated_at,
      pending,
    };
  }
}
