import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a package never carries from a folder: installed dependencies and version control. */
const SKIPPED = new Set(['node_modules', '.git']);

/**
 * Every file under `dir` as package-relative paths with `/`, sorted; symbolic links are listed too
 * (packing keeps them as links, which installing then refuses), node_modules and .git are not.
 */
export function listPackageFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listPackageFiles(dir, path));
    else found.push(path);
  }
  return found.sort();
}

/** `sha512-<base64>` of each listed file, read from `dir`; what a signature covers. */
export function fileDigests(dir: string, files: readonly string[]): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const file of files) {
    if (lstatSync(join(dir, file)).isSymbolicLink())
      throw new Error(`${file} is a symbolic link; a signed package holds only files`);
    digests[file] = `sha512-${createHash('sha512')
      .update(readFileSync(join(dir, file)))
      .digest('base64')}`;
  }
  return digests;
}
