// `npm test`: type-check every package, lint, then run every test once, and close with one summary line
// ("N passed, N failed, N skipped") that CI and people can read. Run by scripts/nautilus.sh.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

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
const vitestOk = run('tests (vitest)', 'pnpm', [
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
const flaky: string[] = [];
// Every failure again at the end, with the first lines of its reason: a CI log is often read from its tail.
const reasons: string[] = [];
const firstLines = (text: string) =>
  stripVTControlCharacters(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 6)
    .map((line) => `    ${line.slice(0, 300)}`)
    .join('\n');
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: {
      name: string;
      status: string;
      message: string;
      assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
    }[];
  };
  passed = results.numPassedTests;
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'failed')
        reasons.push(`✗ ${file.name} › ${test.fullName}\n${firstLines(test.failureMessages[0] ?? '')}`);
    }
  }
  // A file that fails without a failing test (an import error, a failed hook, a worker that died
  // mid-test) counts as a failure too. Vitest reports a test that never finished as pending.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  for (const file of brokenFiles) {
    const unfinished = file.assertionResults.filter((test) => test.status === 'pending').map((test) => test.fullName);
    reasons.push(
      `✗ failed outside any test: ${file.name}\n${firstLines(file.message || 'no file-level error: a hook failed or its worker stopped (see "Failed Suites" and "Unhandled Errors" above)')}` +
        (unfinished.length > 0 ? `\n    never finished: ${unfinished.join('; ')}` : ''),
    );
  }
  failed = results.numFailedTests + brokenFiles.length;
  skipped = results.numPendingTests + results.numTodoTests;
  // Vitest fails a run with an error no test owns (a promise rejected after its test ended); the
  // report has no place for it.
  if (!vitestOk && failed === 0) {
    failed = 1;
    reasons.push('✗ vitest failed outside any test file: see "Unhandled Errors" in its output above');
  }
} else {
  failed = 1;
  reasons.push('✗ vitest wrote no report');
}
interface BrowserSuite {
  title: string;
  specs: {
    title: string;
    file: string;
    tests: { status: string; results: { status: string; error?: { message?: string } }[] }[];
  }[];
  suites?: BrowserSuite[];
}
if (existsSync(browserReport)) {
  const { stats, suites } = JSON.parse(readFileSync(browserReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: BrowserSuite[];
  };
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  const walk = (suite: BrowserSuite): void => {
    for (const spec of suite.specs) {
      for (const test of spec.tests) {
        const name = `${spec.file} › ${spec.title}`;
        const firstError = test.results.find((result) => result.error)?.error?.message ?? '';
        if (test.status === 'unexpected') reasons.push(`✗ ${name}\n${firstLines(firstError)}`);
        if (test.status === 'flaky') flaky.push(`~ passed on its retry: ${name}\n${firstLines(firstError)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
} else {
  failed += 1;
  reasons.push('✗ Playwright wrote no report');
}
if (flaky.length > 0 || reasons.length > 0) console.log('\n▶ what did not pass the first time');
for (const line of [...flaky, ...reasons]) console.log(line);
if (!typecheck) failed += 1;
if (!lint) failed += 1;
console.log(`\n${typecheck ? 'type-check ok' : 'type-check FAILED'}, ${lint ? 'lint ok' : 'lint FAILED'}`);
console.log(`tests: ${passed} passed (${flaky.length} on a retry), ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
