import type { StrategyDefinition } from '@nautilus/sdk';
import { describeThrown } from './describe-thrown.ts';
import type { BatchOutput, Engine, EngineStartOptions, StrategyFactory } from './engine-types.ts';
import { loadStrategy } from './load-strategy.ts';
import { createRandom } from './seeded-random.ts';
import { createSimulatedGlobals, installIsolateGlobals } from './simulated-globals.ts';
import { installSimulatedIntl } from './simulated-intl.ts';
import { Simulation } from './simulation.ts';
import { decodeStrategyBook } from './strategy-book.ts';
import { createStrategyContext } from './strategy-context.ts';

export interface CreateEngineOptions {
  /** Seeds `ctx.random()` and `Math.random()`. */
  seed: number;
  /** True inside the isolate: also replace the realm's own Date, Intl, Math.random and console, and harden it. */
  isolate?: boolean;
}

/**
 * Loads a compiled strategy (running its top-level code) and returns the engine that runs it. Pure
 * TypeScript with no host APIs: the host runs this module directly, the sandbox runs the same source
 * bundled into the isolate, so both produce identical results.
 */
export function createEngine(factory: StrategyFactory, options: CreateEngineOptions): Engine {
  let simulation: Simulation | undefined;
  const random = createRandom(options.seed);
  const clock = () => (simulation === undefined ? 0 : simulation.time);
  const globals = createSimulatedGlobals(
    clock,
    random,
    // console.log in the file's top-level code has no run to log to yet and is dropped.
    (values, level) => simulation?.records.log(simulation.time, simulation.barIndex, values, level),
    options.isolate ? installSimulatedIntl(clock) : undefined,
  );
  if (options.isolate) installIsolateGlobals(globals);
  const loaded = loadStrategy(factory, globals);

  function running(): Simulation {
    if (simulation === undefined) throw new Error('The engine was not started.');
    return simulation;
  }

  function output(equity: Float64Array): BatchOutput {
    const current = running();
    const { dropped } = current.records;
    return {
      equity,
      ...current.records.take(),
      tradingMode: current.tradingMode,
      account: current.account(),
      counters: {
        bars: current.bars,
        barsInMarket: current.barsInMarket,
        rejectedOrders: current.rejectedOrders,
        dropped: { ...dropped },
        tradeStats: { ...current.roundTrips.stats },
      },
      failure: current.failure,
    };
  }

  return {
    describe: () => ('definition' in loaded ? loaded.description : loaded),

    start(startOptions: EngineStartOptions): BatchOutput {
      if (simulation !== undefined) throw new Error('The engine was already started.');
      // A file that failed to load still gets a simulation, so the failure reports like any other.
      const definition = 'definition' in loaded ? loaded.definition : ({ onBar() {} } as StrategyDefinition);
      const current = new Simulation(definition, startOptions);
      simulation = current;
      if (!('definition' in loaded)) {
        current.failure = loaded;
        return output(new Float64Array(0));
      }
      let state: unknown = {};
      try {
        if (definition.initialState !== undefined) state = definition.initialState.call(definition);
      } catch (error) {
        current.fail('initialState', 'thrown', describeThrown(error));
      }
      current.ctx = createStrategyContext(current, startOptions.params, state, random);
      if (current.failure === null) current.invoke('onStart', definition.onStart as never);
      return output(new Float64Array(0));
    },

    push(bars: Float64Array, count: number, book?: Float64Array): BatchOutput {
      const current = running();
      if (book !== undefined) current.book = decodeStrategyBook(book);
      const equity = new Float64Array(count);
      if (current.failure !== null) return output(equity);
      const closes = 4 * count;
      for (let index = 0; index < count; index++) {
        const close = bars[closes + index]!;
        const ok = current.processBar(
          bars[index]!,
          bars[count + index]!,
          bars[2 * count + index]!,
          bars[3 * count + index]!,
          close,
          bars[5 * count + index]!,
        );
        if (!ok) break;
        equity[index] = current.portfolio.equityAt(close);
      }
      return output(equity);
    },

    stop(): BatchOutput {
      const current = running();
      if (current.failure === null) current.stop();
      return output(new Float64Array(0));
    },

    account: () => running().account(),
  };
}
