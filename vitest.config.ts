import { defineConfig } from 'vitest/config';

// One run over every package; each test file sits beside the code it tests.
export default defineConfig({
  test: {
    include: [
      '{sdk,core,runtime,builder,templates}/src/**/*.test.{ts,tsx}',
      'plugins/*/src/**/*.test.ts',
      'widget-kit/src/**/*.test.ts',
      'indicators/src/**/*.test.ts',
      'regimes/src/**/*.test.ts',
      'analytics/src/**/*.test.ts',
      'core/test/**/*.test.ts',
      'clients/typescript/src/**/*.test.ts',
      'clients/python/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database and server tests start PGlite and child processes: keep the 2-core machine responsive.
    maxWorkers: 2,
    // isolated-vm asks for this on Node >= 20 (V8 snapshots differ between isolates); forks pool only.
    execArgv: ['--no-node-snapshot'],
  },
});
