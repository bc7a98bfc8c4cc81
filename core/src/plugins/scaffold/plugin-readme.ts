import type { PluginManifest } from '@nautilus/sdk';
import type { KindTemplate } from './scaffold-kinds.ts';

/** README.md of a scaffolded plugin: what it is, and how to build, test, pack and install it. */
export function pluginReadme(manifest: PluginManifest, packageName: string, kind: KindTemplate): string {
  const widgetKit = kind.bundle ? ' and `@nautilus/widget-kit`' : '';
  return `# ${manifest.name}

${kind.description} A Nautilus plugin (\`${manifest.id}\`) made by \`nautilus plugins new\`.

${kind.readme}

## The manifest

The manifest is declared once, in \`package.json\` under \`"nautilus"\`: the install flow shows and
approves its permissions (\`network\`, \`secrets\`) from there without running any code, and the host
refuses a module whose \`definePlugin({ manifest })\` differs from it. \`src/index.ts\` therefore imports
it (\`import pkg from '../package.json' with { type: 'json' }\`) rather than repeating it. Keep
\`version\` in step with the package's and \`engine\` (the Nautilus core versions it works with) with
\`engines.nautilus\`.

## Build, test, pack

\`\`\`sh
npm install            # TypeScript and the sdk${widgetKit}; the host provides @nautilus/sdk at run time
npm run typecheck
npm test               # builds dist/, then runs test/*.test.ts with Node's test runner
npm pack               # ${packageName}-${manifest.version}.tgz: package.json, README and dist/
\`\`\`

Until \`@nautilus/sdk\`${widgetKit} are on your registry, pack them from a Nautilus checkout
(\`pnpm --filter @nautilus/sdk pack\`${kind.bundle ? ', `pnpm --filter @nautilus/widget-kit pack`' : ''}) and install the tarballs:
\`npm install -D ../nautilus-sdk-*.tgz\`${kind.bundle ? ' `../nautilus-widget-kit-*.tgz`' : ''}.

The tests are TypeScript that Node runs as it is (type stripping); to type-check them too, add
\`@types/node\` to the devDependencies and \`"test"\` to \`include\` in tsconfig.json.

## Install

\`\`\`sh
nautilus plugins install ./${packageName}-${manifest.version}.tgz
\`\`\`

It shows what the package declares and asks before installing. While developing, point
\`NAUTILUS_PLUGIN_DIRS\` at this folder's parent instead and restart; \`nautilus plugins list\` shows
whether it loaded and, if not, why.
`;
}
