// `npm run bench` (compute-webgpu part): Monte Carlo VaR of ten correlated assets, 1,000,000 paths,
// on the CPU implementation (one core, in this process) and on whichever WebGPU backend the host's
// auto mode finds (Dawn's default backend on a GPU, OpenGL ES on Mesa's llvmpipe without one).
// One warm-up run each (JIT, shader compilation), then the best and median of five. Prints; its
// only check is that both backends agree on VaR and ES, as they draw the same random numbers.
import type { KernelBuffers, KernelParams } from '@nautilus/sdk';
import { acquireTestGpu } from '../src/test-gpu.ts';
import { mcVar } from '../src/test-host.ts';
import { portfolioAssets, portfolioInputs } from '../src/test-portfolio.ts';

const PATHS = 1_000_000;
const RUNS = 5;
const signal = new AbortController().signal;
const inputs = portfolioInputs();

type Run = (inputs: KernelBuffers, params: KernelParams) => Promise<KernelBuffers>;

interface Figures {
  best: number;
  median: number;
  var: number;
  es: number;
}

async function measure(run: Run, params: KernelParams): Promise<Figures> {
  await run(inputs, params);
  const times: number[] = [];
  let last: KernelBuffers = {};
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    last = await run(inputs, params);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(RUNS / 2)]!, var: last.var![0]!, es: last.es![0]! };
}

const gpu = await acquireTestGpu();
const backends: { name: string; adapter: string; run: Run | undefined }[] = [
  { name: 'cpu (f64, 1 core)', adapter: `${process.arch}, Node ${process.version}`, run: (i, p) => mcVar.cpu(i, p, signal) },
  'device' in gpu
    ? { name: gpu.backend, adapter: gpu.adapter, run: (i, p) => mcVar.webgpu!.run(gpu, i, p, signal) }
    : { name: 'webgpu', adapter: `unavailable (${gpu.unavailable})`, run: undefined },
];

const money = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 }).padStart(10);
const rate = (ms: number) => `${((PATHS / ms) * 1e-3).toFixed(2)} M`.padStart(8);

console.log(
  `Monte Carlo VaR/ES: ${portfolioAssets.length} correlated assets (${portfolioAssets.join(', ')}), ${PATHS.toLocaleString('en-US')} paths, 99%, 1 day`,
);
for (const backend of backends) console.log(`  ${backend.name.padEnd(18)} ${backend.adapter}`);
console.log('');
console.log(
  `${'returns'.padEnd(12)} ${'backend'.padEnd(18)} ${'best ms'.padStart(8)} ${'median'.padStart(8)} ${'paths/s'.padStart(8)} ${'VaR'.padStart(10)} ${'ES'.padStart(10)}`,
);
let disagreements = 0;
for (const [label, dof] of [
  ['normal', 0],
  ['Student-t 5', 5],
] as const) {
  const params = { assets: portfolioAssets.length, paths: PATHS, seed: 2024, confidence: 0.99, dof };
  const figures: Figures[] = [];
  for (const backend of backends) {
    if (!backend.run) {
      console.log(`${label.padEnd(12)} WebGPU: ${backend.adapter}`);
      continue;
    }
    const result = await measure(backend.run, params);
    figures.push(result);
    console.log(
      `${label.padEnd(12)} ${backend.name.padEnd(18)} ${result.best.toFixed(1).padStart(8)} ${result.median.toFixed(1).padStart(8)} ${rate(result.best)} ${money(result.var)} ${money(result.es)}`,
    );
  }
  const [cpu, webgpu] = figures;
  if (cpu && webgpu) {
    const gap = Math.max(Math.abs(webgpu.var / cpu.var - 1), Math.abs(webgpu.es / cpu.es - 1));
    const agree = gap <= 1e-4;
    if (!agree) disagreements++;
    console.log(
      `${''.padEnd(12)} GPU/CPU speed ${(cpu.best / webgpu.best).toFixed(2)}x (best), ${(cpu.median / webgpu.median).toFixed(2)}x (median); ` +
        `VaR/ES ${agree ? 'agree' : 'DISAGREE'} to ${gap.toExponential(1)} relative`,
    );
  }
}
if ('device' in gpu) (gpu.device as GPUDevice).destroy();
if (disagreements) {
  console.error('the WebGPU and CPU results disagree by more than 1e-4 relative');
  process.exitCode = 1;
}
