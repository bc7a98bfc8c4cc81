/** A strategy compiled by `compileStrategy`: store it with the source, run it with `runBacktest`. */
export interface CompiledStrategy {
  /** JavaScript: a function expression the engine calls with its scope; returns the module's exports. */
  readonly code: string;
  /** Source map (v3 JSON) from `code` (minus its one-line prefix) back to the TypeScript source. */
  readonly sourceMap: string;
}

/** One compile problem at a position of the source, 1-based line and column (UTF-16 units, as Monaco counts). */
export interface StrategyDiagnostic {
  line: number;
  column: number;
  message: string;
}
