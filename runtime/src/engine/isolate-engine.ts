import { copyOut, type OutputCaps, OutputTooLarge } from './copy-out.ts';
import { describeThrown } from './describe-thrown.ts';
import { createEngine } from './engine.ts';
import type { BatchOutput, Engine, EngineStartOptions, StrategyFactory } from './engine-types.ts';
import { Float64ArrayIntrinsic, isArray, objectKeys, typedArrayKind, typedArrayLength, typedArraySet } from './intrinsics.ts';
import { OutputStream, type RecordChunk } from './output-stream.ts';

/** What one call answers: a copy of the engine's output, or why the engine failed. */
export type IsolateAnswer<T = unknown> = { output: T } | { engineFailure: { name: string; message: string } };
/** A batch's answer: its first chunk of records, and whether `more()` has further ones. */
export type BatchAnswer = IsolateAnswer & RecordChunk & { more: boolean };
/** A batch as it leaves the isolate: its equity (null when the engine produced none it can vouch for) and the rest. */
export type EncodedBatch = [equity: Float64Array | null, answer: BatchAnswer | IsolateAnswer];

/**
 * The engine as the isolate hands it to the host. Every method returns only values it built itself
 * (see copyOut) and a fresh Float64Array, and never throws: isolated-vm reads a thrown value through
 * its getters after the call's time limit has ended. A batch's records (`items`: `[list, records][]`)
 * come a chunk at a time: while `more` is true, `more()` hands out the next chunk.
 */
export interface IsolateEngine {
  describe(): IsolateAnswer;
  start(options: EngineStartOptions): EncodedBatch;
  push(bars: Float64Array, count: number, book?: Float64Array): EncodedBatch;
  more(): IsolateAnswer | (RecordChunk & { more: boolean });
  stop(): EncodedBatch;
  account(): IsolateAnswer;
}

/** Caps of what the isolate hands out. */
export interface IsolateOutputCaps {
  /** A batch without its records (account, counters, failure), and `account()`; `maxChars` also bounds a batch's records together. */
  batch: OutputCaps;
  /** One order, fill, trade or risk event. */
  record: OutputCaps;
  /** One log line. */
  logLine: OutputCaps;
  /** Characters of records one call hands out; the rest follow through `more()`. */
  chunkChars: number;
  /** The strategy's description (params for a form). */
  describe: OutputCaps;
}

const FAILURE_CAPS: OutputCaps = { maxChars: 10_000, maxString: 2_000, maxItems: 4, maxDepth: 2 };

/** Inside the isolate: loads the strategy (running its file's top-level code) into an engine the host drives. */
export function createIsolateEngine(factory: StrategyFactory, seed: number, caps: IsolateOutputCaps): IsolateEngine {
  let engine: Engine;
  try {
    engine = createEngine(factory, { seed, isolate: true });
  } catch (error) {
    return {
      describe: () => engineFailure(error),
      start: () => [null, engineFailure(error)],
      push: () => [null, engineFailure(error)],
      more: () => engineFailure(error),
      stop: () => [null, engineFailure(error)],
      account: () => engineFailure(error),
    };
  }
  let stream: OutputStream | null = null;
  const chunk = (): RecordChunk & { more: boolean } => {
    const current = stream!;
    const { items, itemChars } = current.next(caps.chunkChars);
    if (current.done) stream = null;
    return { items, itemChars, more: !current.done };
  };
  const batch = (run: () => BatchOutput, count: number): EncodedBatch => {
    stream = null;
    let equity: Float64Array | null = null;
    const answer = answered(() => {
      const output = run();
      equity = ownCopy(output.equity, count);
      // The lists of records leave in chunks; the rest of the output goes with the first.
      const head: Record<string, unknown> = {};
      const lists: [string, readonly unknown[], OutputCaps][] = [];
      const keys = objectKeys(output);
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index]!;
        const value = (output as unknown as Record<string, unknown>)[key];
        if (key === 'equity') continue;
        if (!isArray(value)) head[key] = value;
        else if (value.length > caps.batch.maxItems) throw new OutputTooLarge(`${key} has over ${caps.batch.maxItems} items`);
        else {
          head[key] = [];
          lists[lists.length] = [key, value, key === 'logs' ? caps.logLine : caps.record];
        }
      }
      const copied = copyOut(head, caps.batch);
      stream = new OutputStream(lists, caps.batch.maxChars);
      const { items, itemChars, more } = chunk();
      return { output: copied, items, itemChars, more };
    });
    return [equity, answer];
  };
  return {
    describe: () => answered(() => ({ output: copyOut(engine.describe(), caps.describe) })),
    start: (options) => batch(() => engine.start(options), 0),
    push: (bars, count, book) =>
      batch(() => engine.push(bars, count, typedArrayKind(book) === 'Float64Array' ? (book as Float64Array) : undefined), count),
    more: () => answered(() => (stream === null ? { items: [], itemChars: 0, more: false } : chunk())),
    stop: () => batch(() => engine.stop(), 0),
    account: () => answered(() => ({ output: copyOut(engine.account(), caps.batch) })),
  };
}

/** What `build` makes, or the engine's failure when it throws. */
function answered<T>(build: () => T): T | IsolateAnswer {
  try {
    return build();
  } catch (error) {
    return engineFailure(error);
  }
}

function engineFailure(error: unknown): IsolateAnswer {
  try {
    const { name, message } = describeThrown(error);
    return { engineFailure: copyOut({ name, message }, FAILURE_CAPS) as { name: string; message: string } };
  } catch {
    return { engineFailure: { name: 'unknown', message: 'an error that could not be described' } };
  }
}

/**
 * A fresh Float64Array of the engine's equity, or null when that is not a genuine Float64Array of
 * `count` numbers (a strategy may have replaced the realm's Float64Array): only the numbers leave,
 * never a larger buffer behind them or properties added to the array.
 */
function ownCopy(equity: unknown, count: number): Float64Array | null {
  if (typedArrayKind(equity) !== 'Float64Array' || typedArrayLength(equity) !== count) return null;
  const copy = new Float64ArrayIntrinsic(count);
  typedArraySet(copy, equity as Float64Array);
  return copy;
}
