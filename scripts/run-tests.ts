// `npm test`: type-check every package, lint, then run every test once, and close with one summary line
// ("N passed, N failed, N skipped") that CI and people can read. Run by scripts/nautilus.sh.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';
const browserReport = 'builder/.playwright-report.json';
const extraArgs = process.argv.slice(2);

function run(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const typecheck = run('type-check (tsc, every package)', 'pnpm', ['-r', '--no-bail', 'run', 'typecheck']);
const lint = run('lint and format check (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
rmSync(report, { force: true });
run('tests (vitest)', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
  ...extraArgs,
]);

rmSync(browserReport, { force: true });
run('browser tests (Playwright, Debian Chromium, the real server)', 'pnpm', [
  '--filter',
  '@nautilus/builder',
  'exec',
  'playwright',
  'test',
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
  };
  passed = results.numPassedTests;
  // A file that fails without a failing test (an import error, a database that cannot be reached in a
  // hook) counts as a failure too.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  for (const file of brokenFiles) console.error(`failed outside any test: ${file.name}`);
  failed = results.numFailedTests + brokenFiles.length;
  skipped = results.numPendingTests + results.numTodoTests;
} else {
  failed = 1;
  console.error('vitest wrote no report');
}
if (existsSync(browserReport)) {
  const { stats } = JSON.parse(readFileSync(browserReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
} else {
  failed += 1;
  console.error('Playwright wrote no report');
}
if (!typecheck) failed += 1;
if (!lint) failed += 1;
console.log(`\n${typecheck ? 'type-check ok' : 'type-check FAILED'}, ${lint ? 'lint ok' : 'lint FAILED'}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
