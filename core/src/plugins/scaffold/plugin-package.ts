import { readFileSync } from 'node:fs';
import type { PluginManifest } from '@nautilus/sdk';
import type { KindTemplate } from './scaffold-kinds.ts';

const versionOf = (url: URL): string => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;

/** Versions of the packages a scaffold builds against: the sdk and widget kit of this checkout, the compilers this workspace uses. */
export const PACKAGE_VERSIONS = {
  sdk: versionOf(new URL('../../../../sdk/package.json', import.meta.url)),
  widgetKit: versionOf(new URL('../../../../widget-kit/package.json', import.meta.url)),
  typescript: '7.0.2',
  esbuild: '0.28.2',
};

/** The npm name of a plugin's package: `acme.rates` → `nautilus-plugin-acme-rates`. */
export const packageNameOf = (pluginId: string): string => `nautilus-plugin-${pluginId.replaceAll('.', '-')}`;

export interface PackageOptions {
  manifest: PluginManifest;
  kind: KindTemplate;
  /** How devDependencies name the sdk and the widget kit: a registry range, or `file:` a packed tarball. */
  sdkSpec: string;
  widgetKitSpec: string;
}

const removeDist = `node -e "require('node:fs').rmSync('dist', { recursive: true, force: true })"`;

/**
 * package.json of a scaffolded plugin. The manifest sits under "nautilus", where the install flow reads
 * it (permissions included) without running code; `exports` points at built JavaScript, since Node does
 * not strip types under node_modules; the host provides `@nautilus/sdk` at run time, so it is a peer.
 */
export function pluginPackageJson({ manifest, kind, sdkSpec, widgetKitSpec }: PackageOptions): Record<string, unknown> {
  const bundle = kind.bundle
    ? ` && esbuild ${kind.bundle.entry} --bundle --format=esm --target=es2022 --minify --sourcemap --outfile=${kind.bundle.outfile}`
    : '';
  return {
    name: packageNameOf(manifest.id),
    version: manifest.version,
    description: manifest.description,
    type: 'module',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist'],
    engines: { node: '>=24', nautilus: manifest.engine },
    scripts: {
      build: `${removeDist} && tsc -p tsconfig.build.json${bundle}`,
      typecheck: 'tsc -p tsconfig.json',
      test: 'npm run build && node --test test/*.test.ts',
      prepack: 'npm run build',
    },
    peerDependencies: { '@nautilus/sdk': `^${PACKAGE_VERSIONS.sdk}` },
    devDependencies: {
      '@nautilus/sdk': sdkSpec,
      ...(kind.bundle ? { '@nautilus/widget-kit': widgetKitSpec, esbuild: PACKAGE_VERSIONS.esbuild } : {}),
      typescript: PACKAGE_VERSIONS.typescript,
    },
    nautilus: manifest,
  };
}

/** tsconfig.json (type-checks the sources) and tsconfig.build.json (emits dist/ with declarations). */
export function tsconfigs(kind: KindTemplate): Record<string, unknown> {
  return {
    'tsconfig.json': {
      compilerOptions: {
        target: 'es2024',
        lib: ['es2024', 'dom', 'dom.iterable'],
        types: [],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        erasableSyntaxOnly: true,
        allowImportingTsExtensions: true,
        rewriteRelativeImportExtensions: true,
        resolveJsonModule: true,
        noEmit: true,
      },
      include: ['src'],
    },
    'tsconfig.build.json': {
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, rootDir: 'src', outDir: 'dist', declaration: true },
      ...(kind.bundle ? { exclude: [kind.bundle.sourceDir] } : {}),
    },
  };
}
