import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NautilusError, type PluginManifest } from '@nautilus/sdk';
import { CORE_VERSION } from '../../version.ts';
import { PACKAGE_VERSIONS, packageNameOf, pluginPackageJson, tsconfigs } from './plugin-package.ts';
import { pluginReadme } from './plugin-readme.ts';
import { KIND_TEMPLATES, SCAFFOLD_KINDS, type ScaffoldKind } from './scaffold-kinds.ts';

const TEMPLATES = new URL('./templates/', import.meta.url);
// The manifest schema's pattern for a plugin id, so a bad id is refused before any file is written.
const PLUGIN_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export interface ScaffoldOptions {
  /** The plugin id, namespaced: `acme.rates`. */
  id: string;
  kind: string;
  /** Folder to create; `./<package name>` under `cwd` by default. It must not exist or be empty. */
  dir?: string;
  cwd?: string;
  /** devDependency specs of the sdk and the widget kit; `^<version>` from the registry by default. */
  sdkSpec?: string;
  widgetKitSpec?: string;
}

export interface ScaffoldResult {
  dir: string;
  packageName: string;
  manifest: PluginManifest;
  /** Paths written, relative to `dir`. */
  files: string[];
}

/** `acme.my-rates` → `My rates`: the manifest's name until the author writes a better one. */
const displayName = (id: string): string => {
  const words = id.split('.').slice(1).join(' ').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Every template file of a kind, as paths relative to its folder, without the .tpl ending. */
function templateFiles(folder: URL): string[] {
  const root = fileURLToPath(folder);
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tpl'))
    .map((entry) =>
      relative(root, join(entry.parentPath, entry.name))
        .replaceAll('\\', '/')
        .replace(/\.tpl$/, ''),
    )
    .sort();
}

/**
 * Writes a plugin package that builds, tests and packs on its own, outside this repository, against a
 * packed `@nautilus/sdk`: package.json with the manifest under "nautilus", src/index.ts and a working
 * example of the kind, a test on Node's test runner using `@nautilus/sdk/testing`, tsconfigs, README.
 * Throws VALIDATION naming the option when the id, kind or folder will not do.
 */
export function scaffoldPlugin(options: ScaffoldOptions): ScaffoldResult {
  if (!PLUGIN_ID.test(options.id) || options.id.length > 100)
    throw NautilusError.validation('plugin', [
      { path: 'id', message: `'${options.id}' is not a namespaced plugin id of lower-case words, such as acme.rates` },
    ]);
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(options.kind))
    throw NautilusError.validation('plugin', [{ path: 'kind', message: `must be one of ${SCAFFOLD_KINDS.join(', ')}` }]);
  const kindName = options.kind as ScaffoldKind;
  const kind = KIND_TEMPLATES[kindName];
  const packageName = packageNameOf(options.id);
  const dir = resolve(options.cwd ?? process.cwd(), options.dir ?? packageName);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw NautilusError.validation('plugin', [{ path: 'dir', message: `${dir} is not empty; choose a new folder with --dir` }]);

  const [major, minor] = CORE_VERSION.split('.');
  const manifest: PluginManifest = {
    id: options.id,
    name: displayName(options.id),
    version: '0.1.0',
    engine: `^${major}.${minor}.0`,
    description: kind.description,
    contributes: kind.contributes,
    permissions: { network: [], secrets: [] },
  };
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const pkg = pluginPackageJson({
    manifest,
    kind,
    sdkSpec: options.sdkSpec ?? `^${PACKAGE_VERSIONS.sdk}`,
    widgetKitSpec: options.widgetKitSpec ?? `^${PACKAGE_VERSIONS.widgetKit}`,
  });
  files.set('package.json', json(pkg));
  for (const [name, config] of Object.entries(tsconfigs(kind))) files.set(name, json(config));
  files.set('.gitignore', 'node_modules/\ndist/\n*.tgz\n');
  files.set('README.md', pluginReadme(manifest, packageName, kind));
  const index = readFileSync(new URL('common/index.ts.tpl', TEMPLATES), 'utf8')
    .replace('__IMPORTS__', kind.imports)
    .replace('__SETUP__', kind.setup)
    .replace('\n\n\n', '\n\n');
  files.set('src/index.ts', index);
  const cssPrefix = options.id.replaceAll('.', '-');
  const folder = new URL(`${kindName}/`, TEMPLATES);
  for (const path of templateFiles(folder))
    files.set(path, readFileSync(new URL(path.concat('.tpl'), folder), 'utf8').replaceAll('__CSS_PREFIX__', cssPrefix));

  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, packageName, manifest, files: [...files.keys()].sort() };
}
