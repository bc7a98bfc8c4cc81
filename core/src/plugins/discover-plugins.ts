import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where a plugin came from; `core` is a built-in defined inside core (loaded with `PluginHost.loadDefinition`). */
export type PluginSource = 'first-party' | 'installed' | 'extra' | 'core';

export interface PluginCandidate {
  dir: string;
  source: PluginSource;
}

/**
 * Each sub-folder with a package.json, in name order, of each plugin folder that exists. A symbolic
 * link to a folder counts (a plugin linked in while it is developed elsewhere); a broken one does not.
 */
export function discoverPlugins(folders: { dir: string; source: PluginSource }[]): PluginCandidate[] {
  const found: PluginCandidate[] = [];
  for (const { dir, source } of folders) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || linksToFolder(join(dir, entry.name), entry)))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      // A linked plugin is loaded from where it really is, so its own relative paths hold.
      const pluginDir = realpathSync(resolve(dir, name));
      if (existsSync(join(pluginDir, 'package.json'))) found.push({ dir: pluginDir, source });
    }
  }
  return found;
}

/** The module a plugin package exports: `exports["."]` (string or import/default), else `main`, else index.js. */
export function pluginEntry(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    main?: unknown;
    exports?: unknown;
  };
  const dot =
    typeof pkg.exports === 'object' && pkg.exports !== null && '.' in pkg.exports
      ? (pkg.exports as Record<string, unknown>)['.']
      : pkg.exports;
  const conditional =
    typeof dot === 'object' && dot !== null
      ? ((dot as Record<string, unknown>).import ?? (dot as Record<string, unknown>).default)
      : dot;
  const entry = typeof conditional === 'string' ? conditional : typeof pkg.main === 'string' ? pkg.main : 'index.js';
  return resolve(dir, entry);
}

function linksToFolder(path: string, entry: Dirent): boolean {
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
