/** What the strategy sees as `Date`, `Math` and `console`: the simulation's clock and random source. */
export interface SimulatedGlobals {
  Date: DateConstructor;
  Math: Math;
  console: {
    log(...values: unknown[]): void;
    info(...values: unknown[]): void;
    warn(...values: unknown[]): void;
    error(...values: unknown[]): void;
    debug(...values: unknown[]): void;
  };
}

/**
 * Builds the globals a strategy is evaluated with (they shadow the real ones as parameters of its
 * wrapper), so `Date.now()`/`new Date()` read the simulation clock, `Math.random()` the seeded
 * generator and `console.log` goes to the run's log: identical in the host and in the isolate.
 */
export function createSimulatedGlobals(
  clock: () => number,
  random: () => number,
  log: (values: unknown[]) => void,
): SimulatedGlobals {
  const RealDate = Date;
  function SimulatedDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date returns the current time as a string.
    if (new.target === undefined) return new RealDate(clock()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [clock()] : args, new.target);
  }
  Object.setPrototypeOf(SimulatedDate, RealDate);
  SimulatedDate.prototype = RealDate.prototype;
  Object.defineProperty(SimulatedDate, 'now', { value: () => clock(), writable: true, configurable: true });

  const SimulatedMath = {} as Math;
  for (const key of Reflect.ownKeys(Math)) {
    Object.defineProperty(SimulatedMath, key, Object.getOwnPropertyDescriptor(Math, key)!);
  }
  Object.defineProperty(SimulatedMath, 'random', { value: random, writable: true, configurable: true });

  const write = (...values: unknown[]) => log(values);
  return {
    Date: SimulatedDate as unknown as DateConstructor,
    Math: SimulatedMath,
    console: { log: write, info: write, warn: write, error: write, debug: write },
  };
}

/**
 * Inside the isolate only (the engine owns that realm): replaces the real globals too, so reaching
 * them through `globalThis` or `Date.prototype.constructor` gives simulated time as well, and removes
 * what a strategy has no use for: shared memory, Atomics.wait, WebAssembly.
 */
export function installIsolateGlobals(globals: SimulatedGlobals): void {
  const realm = globalThis as Record<string, unknown>;
  const RealDate = Date;
  Object.defineProperty(RealDate, 'now', { value: globals.Date.now, writable: true, configurable: true });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: globals.Date, writable: true, configurable: true });
  Object.defineProperty(Math, 'random', { value: globals.Math.random, writable: true, configurable: true });
  realm.Date = globals.Date;
  realm.console = globals.console;
  delete realm.SharedArrayBuffer;
  delete realm.Atomics;
  delete realm.WebAssembly;
}
