import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NautilusError, type PluginManifest } from '@nautilus/sdk';
import { checkManifest } from '../check-manifest.ts';

/** What an unpacked package declares, read from its package.json alone: none of its code runs. */
export interface PackageDeclaration {
  /** package.json `name` (the npm name), and its version. */
  packageName: string;
  packageVersion: string;
  manifest: PluginManifest;
}

/**
 * Reads package.json's `nautilus` manifest and checks it as the host would (schema, semver, the
 * engine range against this core): PLUGIN_INVALID or PLUGIN_INCOMPATIBLE naming the field.
 */
export function readPackage(dir: string, coreVersion: string, where: string): PackageDeclaration {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) throw NautilusError.validation('plugin package', [{ path: 'package.json', message: 'is missing' }]);
  let pkg: { name?: unknown; version?: unknown; nautilus?: unknown };
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw NautilusError.validation('plugin package', [
      { path: 'package.json', message: `is not JSON: ${(error as Error).message}` },
    ]);
  }
  if (pkg.nautilus === undefined) {
    throw new NautilusError(
      'PLUGIN_INVALID',
      `${where} declares no manifest: an installable plugin puts its manifest in package.json under "nautilus" so it can be reviewed before any of its code runs.`,
      { fields: [{ path: 'package.json#nautilus', message: 'is missing' }] },
    );
  }
  const manifest = checkManifest(pkg.nautilus, coreVersion, where);
  const packageName = typeof pkg.name === 'string' ? pkg.name : manifest.id;
  const packageVersion = typeof pkg.version === 'string' ? pkg.version : manifest.version;
  if (packageVersion !== manifest.version) {
    throw new NautilusError(
      'PLUGIN_INVALID',
      `${where}: package.json's version ${packageVersion} and its manifest's version ${manifest.version} differ; they must be the same.`,
      { fields: [{ path: 'package.json#nautilus.version', message: `expected ${packageVersion}` }] },
    );
  }
  return { packageName, packageVersion, manifest };
}
