import { runInThisContext } from 'node:vm';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { STRATEGY_SCRIPT } from '../compile/strategy-script.ts';
import { createEngine, type Engine, type StrategyFactory } from '../engine/index.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

/**
 * Runs the engine and the strategy in the host process, unsandboxed: the baseline the benchmark
 * compares the sandbox with, and a runner for trusted code. No memory or time limits apply, and the
 * strategy could reach the host's globals: never use it for users' code.
 */
export function createHostSession(compiled: CompiledStrategy, seed: number): StrategySession {
  let cpuMicros = 0;
  let wallMs = 0;
  function measure<T>(work: () => T): Promise<T> {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    } finally {
      const cpu = process.cpuUsage(cpuBefore);
      cpuMicros += cpu.user + cpu.system;
      wallMs += performance.now() - started;
    }
  }
  let engine: Engine | undefined;
  const loaded = measure(() => {
    const factory = runInThisContext(compiled.code, { filename: STRATEGY_SCRIPT }) as StrategyFactory;
    engine = createEngine(factory, { seed });
  });
  const ready = async (): Promise<Engine> => {
    await loaded;
    return engine!;
  };

  return {
    sandboxed: false,
    describe: async () => (await ready()).describe(),
    start: async (options) => {
      const current = await ready();
      return measure(() => current.start(options));
    },
    push: async (bars, count, book) => {
      const current = await ready();
      return measure(() => current.push(bars, count, book));
    },
    stop: async () => {
      const current = await ready();
      return measure(() => current.stop());
    },
    account: async () => (await ready()).account(),
    usage: (): RunUsage => ({ cpuMs: cpuMicros / 1000, wallMs, heap: null }),
    dispose() {},
  };
}
