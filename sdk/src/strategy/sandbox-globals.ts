/**
 * The globals a strategy file can use without an import, as TypeScript declarations: the sandbox
 * provides `defineStrategy` and a `console` that writes to the run's log (see the runtime's
 * simulated globals). The editor and the server's type check both load it, so they agree on what
 * a strategy may call. `Date` and `Math` are the standard library's (the simulation replaces their
 * clock and random source, not their types).
 */
export const STRATEGY_SANDBOX_GLOBALS_DTS = `/** Provided by the strategy sandbox: the file needs no import. */
declare const defineStrategy: typeof import('@nautilus/sdk').defineStrategy;
/** Writes to the run's log: log and info at level info, debug, warn and error at their own. */
declare const console: {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
};
`;
