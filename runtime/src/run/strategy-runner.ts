import {
  type AccountState,
  type BacktestConfig,
  type Bar,
  checkParamSpecs,
  type FieldIssue,
  type LimitSet,
  NautilusError,
  type ResolvedBacktestConfig,
  resolveParams,
  type Timeframe,
} from '@nautilus/sdk';
import { compileStrategy } from '../compile/compile-strategy.ts';
import type { CompiledStrategy } from '../compile/compiled-strategy.ts';
import { type BatchOutput, encodeStrategyBook, type StrategyDescription } from '../engine/index.ts';
import { compileLimitSet } from './compile-limit-set.ts';
import { createHostSession } from './host-session.ts';
import { type BarColumns, barCount, packBars } from './pack-bars.ts';
import { createProcessSession } from './process-session.ts';
import { resolveBacktestConfig } from './resolve-config.ts';
import { type RunLimits, resolveLimits } from './run-limits.ts';
import { mergeUpdates, type RunnerUpdate } from './runner-update.ts';
import { strategyFailureError } from './strategy-errors.ts';
import type { RunUsage, StrategySession } from './strategy-session.ts';

/** An order book as the host holds it (a BookFrame, or OrderBook.toFrame()): levels best first. */
export interface StrategyBookInput {
  time: number;
  bids: { price: readonly number[]; size: readonly number[] };
  asks: { price: readonly number[]; size: readonly number[] };
}

export interface StrategyRunnerOptions {
  /** TypeScript source, compiled first; or pass `compiled`. */
  source?: string;
  compiled?: CompiledStrategy;
  /** Values for the strategy's declared params; defaults fill the rest. */
  params?: Record<string, unknown>;
  config?: BacktestConfig;
  /** The bars' timeframe, for the default periodsPerYear. */
  timeframe?: Timeframe;
  /**
   * The instrument the bars are of, as `config.limits` names instruments (allowedInstruments, a
   * limit's `symbol`, VaR volatilities); required when it names any.
   */
  symbol?: string;
  limits?: Partial<RunLimits>;
  /** Default true. False runs the strategy in this process without limits: trusted code and benchmarks only. */
  sandbox?: boolean;
  /** Most bars per call into the engine; larger pushes are split. Default 50,000. */
  batchBars?: number;
}

/**
 * A long-lived strategy instance fed bars as they come: a backtest pushes them in large batches,
 * paper trading one bar at a time. Each call returns what happened since the previous one.
 */
export interface StrategyRunner {
  readonly sandboxed: boolean;
  /** What the file declares: name, description, params specs (for a form). */
  readonly strategy: StrategyDescription;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly config: ResolvedBacktestConfig;
  /**
   * Runs onStart with the clock at `time`. Call once, before `push`. `liveFrom` (paper trading):
   * bars opening before it are warm-up, whose orders are rejected (EngineStartOptions.liveFrom).
   */
  start(time: number, options?: { liveFrom?: number }): Promise<RunnerUpdate>;
  /**
   * Feeds bars [range.from, range.to) of `bars` (all by default), later than any bar pushed before.
   * `book` (paper and live runs) becomes `ctx.book` from the first of these bars on; see StrategyBook.
   */
  push(bars: BarColumns, range?: { from: number; to: number }, book?: StrategyBookInput): Promise<RunnerUpdate>;
  /** Feeds one bar, e.g. the latest from a live feed, with the book as it stands when given. */
  pushBar(bar: Bar, book?: StrategyBookInput): Promise<RunnerUpdate>;
  /** Runs onStop. The runner takes no bars afterwards. */
  stop(): Promise<RunnerUpdate>;
  account(): Promise<AccountState>;
  usage(): RunUsage;
  /** Frees the isolate. Safe to call twice. */
  dispose(): void;
}

/**
 * Compiles (when given source), loads the strategy into a fresh isolate (or the host), checks its
 * params declaration and resolves `params`. Throws VALIDATION for compile errors, a strategy that
 * fails to load and bad params; SANDBOX_TIMEOUT / SANDBOX_MEMORY when loading breaks a limit.
 * @example
 * const runner = await createStrategyRunner({ source, params: { fast: 5 } });
 * try { await runner.start(Date.now()); const update = await runner.push(latestBar); } finally { runner.dispose(); }
 */
export async function createStrategyRunner(options: StrategyRunnerOptions): Promise<StrategyRunner> {
  if ((options.source === undefined) === (options.compiled === undefined)) {
    throw NautilusError.validation('strategy run', [
      { path: 'source', message: 'give either source or compiled, not both or neither' },
    ]);
  }
  const compiled = options.compiled ?? (await compileStrategy(options.source!));
  const config = resolveBacktestConfig(options.config, options.timeframe);
  const limits = resolveLimits(options.limits);
  const batchBars = options.batchBars ?? 50_000;
  if (!Number.isInteger(batchBars) || batchBars < 1) {
    throw NautilusError.validation('strategy run', [
      { path: 'batchBars', message: `must be a whole number >= 1, got ${batchBars}` },
    ]);
  }
  const symbol = options.symbol ?? '';
  if (config.limits !== undefined) checkRunLimits(config.limits, symbol);
  const session: StrategySession =
    options.sandbox === false
      ? createHostSession(compiled, config.seed)
      : await createProcessSession(compiled, config.seed, limits);

  let strategy: StrategyDescription;
  let params: Record<string, number | boolean | string>;
  try {
    const described = await session.describe();
    if ('phase' in described) throw strategyFailureError(described, compiled);
    strategy = described;
    const issues = checkParamSpecs(strategy.params);
    if (issues.length > 0) throw NautilusError.validation("strategy's params declaration", issues);
    params = resolveParams(strategy.params, options.params);
  } catch (error) {
    session.dispose();
    throw error;
  }
  return runnerOver(session, compiled, { strategy, params, config, limits, batchBars, symbol });
}

/** What a run needs beyond a sound limit set: the instrument's name, and its volatility for maxVar. */
function checkRunLimits(limitSet: LimitSet, symbol: string): void {
  const issues: FieldIssue[] = [];
  if (typeof symbol !== 'string' || (symbol === '' && compileLimitSet(limitSet).namesInstruments)) {
    issues.push({ path: 'symbol', message: 'must name the instrument traded when config.limits names instruments' });
  }
  const index = limitSet.limits.findIndex((limit) => limit.kind === 'maxVar');
  const varLimit = limitSet.limits[index];
  if (
    varLimit?.kind === 'maxVar' &&
    symbol !== '' &&
    !(varLimit.volatility !== undefined && Object.hasOwn(varLimit.volatility, symbol))
  ) {
    issues.push({
      path: `config.limits.limits[${index}].volatility`,
      message: `must give the daily volatility of ${symbol}: a run has no other VaR inputs (e.g. { '${symbol}': 0.02 })`,
    });
  }
  if (issues.length > 0) throw NautilusError.validation('strategy run', issues);
}

function runnerOver(
  session: StrategySession,
  compiled: CompiledStrategy,
  setup: {
    strategy: StrategyDescription;
    params: Record<string, number | boolean | string>;
    config: ResolvedBacktestConfig;
    limits: RunLimits;
    batchBars: number;
    symbol: string;
  },
): StrategyRunner {
  let phase: 'created' | 'running' | 'stopped' = 'created';
  let failed: unknown;
  let lastTime = Number.NEGATIVE_INFINITY;

  /** Runs one engine call; a failure (the strategy's or a limit's) ends the run for good. */
  async function step(call: () => Promise<BatchOutput>): Promise<RunnerUpdate> {
    if (failed !== undefined) throw failed;
    try {
      const { failure, ...update } = await call();
      if (failure !== null) {
        const error = strategyFailureError(failure, compiled);
        error.details.logs = update.logs;
        throw error;
      }
      return update;
    } catch (error) {
      failed = error;
      throw error;
    }
  }

  function expect(wanted: typeof phase, action: string): void {
    if (phase !== wanted) throw new NautilusError('CONFLICT', `Cannot ${action}: the runner is ${phase}.`);
  }

  const runner: StrategyRunner = {
    sandboxed: session.sandboxed,
    strategy: setup.strategy,
    params: Object.freeze(setup.params),
    config: setup.config,
    async start(time, options) {
      expect('created', 'start');
      phase = 'running';
      const { maxLogLines, maxLogLineChars, maxOpenOrders, maxRecords } = setup.limits;
      return step(() =>
        session.start({
          params: setup.params,
          config: setup.config,
          limits: { maxLogLines, maxLogLineChars, maxOpenOrders, maxRecords },
          symbol: setup.symbol,
          startTime: time,
          ...(options?.liveFrom !== undefined ? { liveFrom: options.liveFrom } : {}),
        }),
      );
    },
    async push(bars, range, book) {
      expect('running', 'push bars');
      const count = barCount(bars);
      const from = range?.from ?? 0;
      const to = range?.to ?? count;
      if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= count && from < to)) {
        throw NautilusError.validation('bars range', [
          { path: 'range', message: `must satisfy 0 <= from < to <= ${count}, got ${from}..${to}` },
        ]);
      }
      const updates: RunnerUpdate[] = [];
      let encodedBook = book === undefined ? undefined : encodeStrategyBook(book);
      for (let start = from; start < to; start += setup.batchBars) {
        const end = Math.min(to, start + setup.batchBars);
        const packed = packBars(bars, start, end, lastTime);
        lastTime = bars.time[end - 1]!;
        const withBook = encodedBook;
        encodedBook = undefined;
        updates.push(await step(() => session.push(packed, end - start, withBook)));
      }
      return updates.length === 1 ? updates[0]! : mergeUpdates(updates);
    },
    pushBar(bar, book) {
      const { time, open, high, low, close, volume } = bar;
      return runner.push(
        { time: [time], open: [open], high: [high], low: [low], close: [close], volume: [volume] },
        undefined,
        book,
      );
    },
    async stop() {
      expect('running', 'stop');
      phase = 'stopped';
      return step(() => session.stop());
    },
    account: () => session.account(),
    usage: () => session.usage(),
    dispose: () => session.dispose(),
  };
  return runner;
}
