import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNautilusError, type PluginManifest } from '@nautilus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_VERSION } from '../../version.ts';
import { checkManifest } from '../check-manifest.ts';
import { PACKAGE_VERSIONS } from './plugin-package.ts';
import { SCAFFOLD_KINDS } from './scaffold-kinds.ts';
import { scaffoldPlugin } from './scaffold-plugin.ts';
import { installAsPublished, pathWith, REPO, run, succeed, WORKSPACE_BINS } from './test-commands.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nautilus-scaffold-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe.each(SCAFFOLD_KINDS)('nautilus plugins new --kind %s', (kind) => {
  it('writes a package whose static manifest passes the host check and whose exports are built JavaScript', () => {
    const { dir, manifest, packageName, files } = scaffoldPlugin({ id: `acme.demo-${kind}`, kind, cwd: root });
    expect(dir).toBe(join(root, `nautilus-plugin-acme-demo-${kind}`));
    const pkg = readJson(join(dir, 'package.json'));
    expect(checkManifest(pkg.nautilus, CORE_VERSION, dir)).toEqual(manifest);
    expect(pkg).toMatchObject({
      name: packageName,
      version: '0.1.0',
      type: 'module',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      files: ['dist'],
      engines: { nautilus: manifest.engine },
      peerDependencies: { '@nautilus/sdk': `^${PACKAGE_VERSIONS.sdk}` },
    });
    expect(manifest.engine).toBe(`^${CORE_VERSION.split('.').slice(0, 2).join('.')}.0`);
    expect(Object.keys(pkg.devDependencies)).toEqual(
      kind === 'widget' ? ['@nautilus/sdk', '@nautilus/widget-kit', 'esbuild', 'typescript'] : ['@nautilus/sdk', 'typescript'],
    );
    expect(files).toEqual(expect.arrayContaining(['README.md', 'src/index.ts', 'test/plugin.test.ts', 'tsconfig.build.json']));
    // The module's manifest is the package.json one, by import rather than by copy.
    expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).toContain("import pkg from '../package.json' with { type: 'json' };");
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`nautilus plugins install ./${packageName}-0.1.0.tgz`);
  });
});

it('declares the widget bundle it builds, and the build tools this workspace uses', () => {
  const { manifest, dir } = scaffoldPlugin({ id: 'acme.tiles', kind: 'widget', cwd: root, widgetKitSpec: 'file:../kit.tgz' });
  expect(manifest.contributes.widgets?.[0]?.bundle).toBe('dist/browser/widgets.js');
  const pkg = readJson(join(dir, 'package.json'));
  expect(pkg.scripts.build).toContain('--outfile=dist/browser/widgets.js');
  expect(pkg.devDependencies['@nautilus/widget-kit']).toBe('file:../kit.tgz');
  expect(readJson(join(REPO, 'package.json')).devDependencies.typescript).toBe(PACKAGE_VERSIONS.typescript);
  expect(readJson(join(REPO, 'runtime/package.json')).dependencies.esbuild).toBe(PACKAGE_VERSIONS.esbuild);
});

it('refuses a bad id, an unknown kind and a folder in use by name, writing nothing', () => {
  const fieldOf = (options: Parameters<typeof scaffoldPlugin>[0]) => {
    try {
      scaffoldPlugin(options);
    } catch (error) {
      if (isNautilusError(error) && error.code === 'VALIDATION') return error.fields.map((field) => field.path);
      throw error;
    }
    throw new Error('expected VALIDATION');
  };
  expect(fieldOf({ id: 'Rates', kind: 'widget', cwd: root })).toEqual(['id']);
  expect(fieldOf({ id: 'acme.rates', kind: 'strategy', cwd: root })).toEqual(['kind']);
  mkdirSync(join(root, 'taken'));
  writeFileSync(join(root, 'taken/notes.txt'), 'mine');
  expect(fieldOf({ id: 'acme.rates', kind: 'compute', cwd: root, dir: 'taken' })).toEqual(['dir']);
  expect(existsSync(join(root, 'nautilus-plugin-acme-rates'))).toBe(false);
  expect(readFileSync(join(root, 'taken/notes.txt'), 'utf8')).toBe('mine');
});

// Offline: the sdk and widget kit laid out as packed (dist/ and publishConfig exports) in a node_modules
// above the plugins, and the workspace's tsc and esbuild; each kind's own npm scripts do the rest.
describe('every kind type-checks, builds and passes its own tests against the sdk as published', () => {
  const kindsRoot = () => join(root, 'offline');
  beforeAll(async () => {
    await installAsPublished('sdk', join(kindsRoot(), 'node_modules'));
    await installAsPublished('widget-kit', join(kindsRoot(), 'node_modules'));
  }, 60_000);

  it.each(SCAFFOLD_KINDS)(
    '%s',
    async (kind) => {
      const { dir, manifest } = scaffoldPlugin({ id: `acme.offline-${kind}`, kind, cwd: kindsRoot() });
      const path = pathWith(...WORKSPACE_BINS);
      await succeed('npm', ['run', 'typecheck'], { cwd: dir, path });
      const output = await succeed('npm', ['test'], { cwd: dir, path });
      expect(output).toMatch(/# fail 0|ℹ fail 0/);
      expect(output).not.toMatch(/# pass 0|ℹ pass 0/);
      const built = (await import(join(dir, 'dist/index.js'))).default as { manifest: PluginManifest };
      expect(built.manifest).toEqual(manifest);
    },
    60_000,
  );

  it('the host loads every kind built above, each in a process of its own', async () => {
    const cli = join(REPO, 'core/src/cli.ts');
    const env = { NAUTILUS_PLUGIN_DIRS: kindsRoot(), NAUTILUS_DATA_DIR: join(root, 'data') };
    const { output } = await run(process.execPath, ['--no-node-snapshot', cli, 'plugins', 'list', '--json'], { cwd: root, env });
    const listed = JSON.parse(output.slice(output.indexOf('['), output.lastIndexOf(']') + 1)) as { id: string; state: string }[];
    const ours = listed.filter((plugin) => plugin.id.startsWith('acme.offline-')).sort((a, b) => a.id.localeCompare(b.id));
    expect(ours.map((plugin) => [plugin.id, plugin.state])).toEqual(
      [...SCAFFOLD_KINDS].sort().map((kind) => [`acme.offline-${kind}`, 'active']),
    );
  }, 60_000);
});
