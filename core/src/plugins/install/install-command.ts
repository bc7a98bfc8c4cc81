import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createBus } from '../../bus/create-bus.ts';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { createLogger } from '../../logger.ts';
import type { PluginHost } from '../plugin-host.ts';
import { fileDigests, listPackageFiles } from './package-files.ts';
import type { PackageReview } from './package-review.ts';
import { describeSignature, generateSigningKey, SIGNATURE_FILE, signFiles } from './package-signature.ts';
import type { PluginDependents } from './plugin-dependents.ts';
import type { PluginInstaller } from './plugin-installer.ts';
import { createInstaller } from './start-plugin-installs.ts';

/** What `nautilus plugins install` accepts: a tarball path, a URL, a folder, or `name[@version]` on the registry. */
export function stageSpec(installer: PluginInstaller, spec: string, integrity?: string): Promise<PackageReview> {
  if (/^https?:\/\//.test(spec)) return installer.stageFromUrl(spec, integrity);
  if (existsSync(spec)) {
    const path = resolve(spec);
    if (statSync(path).isDirectory()) {
      if (integrity) throw new Error('--integrity applies to a tarball, a URL or a registry package, not a folder');
      return installer.stageFromFolder(path);
    }
    return installer.stage(readFileSync(path), { kind: 'file', path }, { expected: integrity, where: path });
  }
  const at = spec.lastIndexOf('@');
  const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  return installer.stageFromRegistry(name, version || undefined, integrity);
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/** The review as the CLI prints it before asking: everything declared, and for an update what is new. */
export function describeReview(review: PackageReview): string {
  const lines = [
    `${review.name} (${review.pluginId}@${review.version}, package ${review.packageName})`,
    `  ${review.description}`,
    `  engine:        ${review.engine}`,
    `  integrity:     ${review.integrity}`,
    `  signature:     ${describeSignature(review.signature)}`,
    `  network hosts: ${list(review.permissions.network)}`,
    `  secrets:       ${list(review.permissions.secrets)}`,
    `  data sources:  ${list(review.permissions.dataSources ?? [])}`,
  ];
  for (const [kind, items] of Object.entries(review.contributes))
    lines.push(`  ${kind}: ${list((items ?? []).map((item) => `${item.name} (${item.id})`))}`);
  if (review.installedVersion) {
    const { network, secrets, dataSources, kinds } = review.added;
    lines.push(
      `  update from ${review.installedVersion}; new permissions: hosts ${list(network)}, secrets ${list(secrets)}, data sources ${list(dataSources)}, kinds ${list(kinds)}`,
    );
  }
  if (review.refusal) lines.push(`  REFUSED: ${review.refusal}`);
  return lines.join('\n');
}

export function describeDependents(dependents: PluginDependents): string {
  const lines = [
    ...dependents.dashboards.map((item) => `  dashboard ${item.title} (${item.id}): panels ${item.panels.join(', ')}`),
    ...dependents.deployments.map(
      (item) => `  running deployment ${item.id} of strategy ${item.strategyName} (${item.dataSource})`,
    ),
    ...dependents.portfolios.map((item) => `  portfolio ${item.name} (${item.dataSource})`),
  ];
  return lines.length ? `Used by:\n${lines.join('\n')}` : 'Nothing uses it.';
}

/** Asks a yes/no question on the terminal; false without one (then --yes is needed). */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}

/** Writes a new private key file (mode 0600, never over an existing file); answers the public key to trust. */
export function keygen(name: string, out?: string): { file: string; publicKey: string; keyId: string } {
  const file = resolve(out ?? `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.nautilus-key.pem`);
  const key = generateSigningKey();
  writeFileSync(file, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
  return { file, publicKey: key.publicKey, keyId: key.keyId };
}

/**
 * Writes `nautilus-signature.json` in a plugin folder: the sha512 of every file (node_modules and .git
 * left out, as packing does) signed with the key. Sign the folder exactly as it will be packed.
 */
export function signFolder(dir: string, keyFile: string): { keyId: string; files: number; file: string } {
  const files = listPackageFiles(dir).filter((path) => path !== SIGNATURE_FILE);
  const signature = signFiles(fileDigests(dir, files), readFileSync(keyFile, 'utf8'));
  const file = join(dir, SIGNATURE_FILE);
  writeFileSync(file, `${JSON.stringify(signature, null, 2)}\n`);
  return { keyId: signature.keyId, files: files.length, file: basename(file) };
}

/**
 * Runs `work` with an installer on the configured database (the embedded one must not be in use) and,
 * with Redis, the bus, so a running server sharing the database applies the change at once.
 */
export async function withInstaller<T>(config: Config, work: (installer: PluginInstaller) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bus = await createBus(config.redisUrl, () => {}).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  try {
    return await work(createInstaller({ db: database.db, config, bus, logger: createLogger('silent') }));
  } finally {
    await bus.close();
    await database.close();
  }
}

/**
 * Loads the approved, enabled installed plugins into `host` as the server would, for `plugins list`;
 * answers why they could not be (the embedded database is in use by a running server), or undefined.
 */
export async function loadInstalledInto(config: Config, host: PluginHost): Promise<string | undefined> {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    return `installed plugins are not listed: ${(error as Error).message}`;
  }
  try {
    await createInstaller({ db: database.db, host, config, logger: createLogger('silent') }).loadInstalled();
    return undefined;
  } finally {
    await database.close();
  }
}
