import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CORE_VERSION } from '../../version.ts';
import { checkManifest } from '../check-manifest.ts';
import { PACKAGE_VERSIONS } from './plugin-package.ts';
import { scaffoldPlugin } from './scaffold-plugin.ts';
import { pathWith, REPO, run, succeed } from './test-commands.ts';

// Outside /work/main: nothing of the workspace (its node_modules, its links) can be found from here.
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nautilus-e2e-plugin-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pnpm = existsSync(join(REPO, '.tools/node_modules/.bin/pnpm')) ? join(REPO, '.tools/node_modules/.bin/pnpm') : 'pnpm';

it('end to end (npm registry): a scaffolded data-source plugin installs the packed sdk and typescript, builds, passes its tests and packs, outside the workspace', async (context) => {
  expect(root.startsWith(REPO)).toBe(false);
  // The registry must answer; on CI an unreachable registry fails this test rather than skipping it.
  const probe = await run('npm', ['view', `typescript@${PACKAGE_VERSIONS.typescript}`, 'version'], {
    cwd: root,
    timeoutMs: 20_000,
  });
  if (probe.code !== 0) {
    if (process.env.CI) throw new Error(`The npm registry is unreachable, so the plugin cannot be installed:\n${probe.output}`);
    context.skip('the npm registry is unreachable');
  }

  // The sdk as a third party gets it: `pnpm pack` builds dist/ (prepack) and applies publishConfig.
  // Its prepack script runs `pnpm run build`, so pnpm must be on PATH too.
  await succeed(pnpm, ['pack', '--pack-destination', root], {
    cwd: join(REPO, 'sdk'),
    path: pathWith(dirname(pnpm)),
    timeoutMs: 60_000,
  });
  const sdkTarball = join(root, `nautilus-sdk-${PACKAGE_VERSIONS.sdk}.tgz`);
  expect(existsSync(sdkTarball)).toBe(true);

  const { dir, packageName } = scaffoldPlugin({
    id: 'acme.e2e-bars',
    kind: 'data-source',
    cwd: root,
    sdkSpec: `file:${sdkTarball}`,
  });
  const path = pathWith();
  await succeed('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, path, timeoutMs: 60_000 });
  expect(readdirSync(join(dir, 'node_modules/@nautilus/sdk/dist')).length).toBeGreaterThan(0);
  await succeed('npm', ['run', 'typecheck'], { cwd: dir, path });
  const tests = await succeed('npm', ['test'], { cwd: dir, path });
  expect(tests).toMatch(/ℹ pass 2|# pass 2/);
  expect(tests).toMatch(/ℹ fail 0|# fail 0/);

  await succeed('npm', ['pack'], { cwd: dir, path });
  const tarball = join(dir, `${packageName}-0.1.0.tgz`);
  expect(existsSync(tarball)).toBe(true);
  const listing = (await succeed('tar', ['-tzf', tarball], { cwd: dir })).split('\n').filter(Boolean).sort();
  expect(listing).toEqual([
    'package/README.md',
    'package/dist/index.d.ts',
    'package/dist/index.js',
    'package/dist/synthetic-bars.d.ts',
    'package/dist/synthetic-bars.js',
    'package/package.json',
  ]);
  await succeed('tar', ['-xzf', tarball], { cwd: root });
  const packed = JSON.parse(readFileSync(join(root, 'package/package.json'), 'utf8'));
  expect(checkManifest(packed.nautilus, CORE_VERSION, tarball).id).toBe('acme.e2e-bars');
}, 120_000);
