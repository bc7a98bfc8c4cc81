// The server-side type check of a strategy save (runtime's typeCheckStrategy on the SMA crossover
// example): cold, the first check in a fresh process (TypeScript loads, the standard library and the
// sdk's strategy files are parsed), and warm, later checks of changed sources reusing that work.
// Part of `npm run bench`; also runs alone: node --no-node-snapshot core/bench/strategy-type-check.bench.ts

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { typeCheckStrategy } from '@nautilus/runtime';
import { printTable, quantile } from './stats.ts';

const SMA = readFileSync(fileURLToPath(new URL('../../runtime/examples/sma-crossover.ts', import.meta.url)), 'utf8');
const COLD_RUNS = 3;
const WARM_RUNS = 30;
const self = fileURLToPath(import.meta.url);

/** One check in this process, ms; each source differs so no remembered result answers it. */
async function timedCheck(index: number): Promise<number> {
  const started = performance.now();
  const { total } = await typeCheckStrategy(`${SMA}\n// change ${index}\n`);
  if (total !== 0) throw new Error(`the example strategy should type-check, got ${total} errors`);
  return performance.now() - started;
}

/** Cold figures from fresh processes, warm ones from this one. */
export async function typeCheckFigures(): Promise<{ coldMs: number[]; warmP50: number; warmP95: number; warmMax: number }> {
  const coldMs = Array.from({ length: COLD_RUNS }, () =>
    Number(execFileSync(process.execPath, ['--no-node-snapshot', self, '--cold'], { encoding: 'utf8' }).trim()),
  );
  await timedCheck(-1);
  const warm: number[] = [];
  for (let index = 0; index < WARM_RUNS; index++) warm.push(await timedCheck(index));
  return { coldMs, warmP50: quantile(warm, 0.5), warmP95: quantile(warm, 0.95), warmMax: Math.max(...warm) };
}

export async function printTypeCheckTable(): Promise<void> {
  const figures = await typeCheckFigures();
  printTable(
    `Strategy type check on save (SMA crossover example, ${SMA.length} characters): cold = first check in a fresh process (median of ${COLD_RUNS}), warm = ${WARM_RUNS} checks of changed sources after it (target: warm well under 1 s)`,
    ['cold ms (runs)', 'cold median ms', 'warm p50 ms', 'warm p95 ms', 'warm max ms'],
    [
      [
        figures.coldMs.map((ms) => ms.toFixed(0)).join(' / '),
        quantile(figures.coldMs, 0.5).toFixed(0),
        figures.warmP50.toFixed(1),
        figures.warmP95.toFixed(1),
        figures.warmMax.toFixed(1),
      ],
    ],
  );
}

if (process.argv.includes('--cold')) console.log((await timedCheck(0)).toFixed(1));
else if (process.argv[1] === self) await printTypeCheckTable();
