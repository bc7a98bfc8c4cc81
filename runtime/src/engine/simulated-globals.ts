import type { LogLevel } from '@nautilus/sdk';
import { defineProperty, getOwnPropertyDescriptor, ownKeys } from './intrinsics.ts';
import { hardenIsolateRealm } from './isolate-realm.ts';
import { createSimulatedDate, type DateTimeFormatConstructor } from './simulated-date.ts';

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
 * wrapper), so `Date.now()`/`new Date()` read the simulation clock in UTC, `Math.random()` the seeded
 * generator and `console.*` goes to the run's log (at the method's level): identical in the host and in the isolate.
 * `DateTimeFormat` formats the Date's toLocale*String (the isolate passes its shared one).
 */
export function createSimulatedGlobals(
  clock: () => number,
  random: () => number,
  log: (values: unknown[], level: LogLevel) => void,
  DateTimeFormat: DateTimeFormatConstructor = Intl.DateTimeFormat as DateTimeFormatConstructor,
): SimulatedGlobals {
  const SimulatedMath = {} as Math;
  for (const key of Reflect.ownKeys(Math)) {
    Object.defineProperty(SimulatedMath, key, Object.getOwnPropertyDescriptor(Math, key)!);
  }
  Object.defineProperty(SimulatedMath, 'random', { value: random, writable: true, configurable: true });

  const writer =
    (level: LogLevel) =>
    (...values: unknown[]) =>
      log(values, level);
  return {
    Date: createSimulatedDate(clock, DateTimeFormat),
    Math: SimulatedMath,
    console: { log: writer('info'), info: writer('info'), warn: writer('warn'), error: writer('error'), debug: writer('debug') },
  };
}

/**
 * Inside the isolate only (the engine owns that realm): replaces the real globals too, so reaching
 * them through `globalThis` or `Date.prototype.constructor` gives simulated time as well (the realm's
 * Date.prototype gets the simulated Date's UTC methods; its constructor, which reads the wall clock,
 * is reachable from nothing), and removes what a strategy has no use for (see hardenIsolateRealm).
 */
export function installIsolateGlobals(globals: SimulatedGlobals): void {
  const realm = globalThis as Record<string, unknown>;
  const RealDate = Date;
  const simulated = globals.Date.prototype as unknown as Record<PropertyKey, unknown>;
  for (const key of ownKeys(simulated)) {
    defineProperty(RealDate.prototype, key, getOwnPropertyDescriptor(simulated, key)!);
  }
  defineProperty(RealDate, 'now', { value: globals.Date.now, writable: true, configurable: true });
  defineProperty(Math, 'random', { value: globals.Math.random, writable: true, configurable: true });
  realm.Date = globals.Date;
  realm.console = globals.console;
  hardenIsolateRealm();
}
