import { capText, isArray, objectKeys } from './intrinsics.ts';

/** Bounds on one value the engine hands out of the isolate. */
export interface OutputCaps {
  /** Characters of its strings, counted once per reference, plus a little per number and key. */
  maxChars: number;
  /** Longest string; a longer one is cut and ends in an ellipsis. */
  maxString: number;
  /** Most items of one array, or keys of one object. */
  maxItems: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
}

/** The engine's output is over its caps: the engine (or a strategy that sabotaged it) misbehaved. */
export class OutputTooLarge extends Error {}

/**
 * A fresh copy of `value` that is safe to hand to isolated-vm's structured clone, which copies every
 * reference separately and runs after the call's time limit: plain objects (own enumerable keys) and
 * packed arrays of primitives, no getters, Proxies or prototypes of the strategy's, strings cut to
 * `maxString`, and the characters of every reference counted against `maxChars` (so one huge string
 * reachable from many places cannot multiply on the host). Built with the built-ins captured before
 * the strategy ran; getters it meets run here, inside the call's time limit. Functions, symbols and
 * bigints become null.
 * @example copyOut(output, { maxChars: 64 * 2 ** 20, maxString: 20_000, maxItems: 100_000, maxDepth: 8 })
 */
export function copyOut(value: unknown, withCaps: OutputCaps): unknown {
  caps = withCaps;
  size = 0;
  return copy(value, 0);
}

// The copy in progress (one at a time: nothing the strategy can reach calls back into it).
let caps: OutputCaps;
let size = 0;

/** The characters the last copyOut counted. */
export function copiedChars(): number {
  return size;
}

function counted(chars: number): void {
  size += chars;
  if (size > caps.maxChars) throw new OutputTooLarge(`the output is over ${caps.maxChars} characters`);
}

function copy(item: unknown, depth: number): unknown {
  switch (typeof item) {
    case 'string': {
      const text = item.length > caps.maxString ? capText(item, caps.maxString) : item;
      counted(text.length + 2);
      return text;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      counted(8);
      return item;
    case 'object':
      if (item === null) {
        counted(4);
        return null;
      }
      break;
    default:
      counted(4);
      return null;
  }
  if (depth >= caps.maxDepth) throw new OutputTooLarge(`the output is nested deeper than ${caps.maxDepth}`);
  if (isArray(item)) {
    const count = item.length;
    if (!(count <= caps.maxItems)) throw new OutputTooLarge(`a list of the output has over ${caps.maxItems} items`);
    counted(count + 2);
    // Written in order from 0, the array stays packed: the clone reads no prototype for holes.
    const list: unknown[] = [];
    for (let index = 0; index < count; index++) list[index] = copy(item[index], depth + 1);
    return list;
  }
  const flat = flatCopy(item as object);
  if (flat !== undefined) return flat;
  const keys = objectKeys(item as object);
  if (keys.length > caps.maxItems) throw new OutputTooLarge(`an object of the output has over ${caps.maxItems} keys`);
  const record: Record<string, unknown> = {};
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const name = key.length > caps.maxString ? capText(key, caps.maxString) : key;
    counted(name.length + 4);
    record[name] = copy((item as Record<string, unknown>)[key], depth + 1);
  }
  return record;
}

/**
 * The fast way for a record of primitives (an order, a fill, a log line): a spread copies its own
 * enumerable values into a fresh object natively; undefined sends anything else the slow way.
 */
function flatCopy(item: object): object | undefined {
  const record: Record<string, unknown> = { ...item };
  const maxString = caps.maxString;
  let chars = 0;
  let count = 0;
  // for-in walks the fresh object's own keys from V8's enum cache (and any the strategy added to
  // Object.prototype, which the clone leaves out anyway: counting them only errs on the safe side).
  for (const key in record) {
    const value = record[key];
    const type = typeof value;
    if (type === 'string') {
      if ((value as string).length > maxString) return undefined;
      chars += (value as string).length;
    } else if (type === 'object' ? value !== null : type === 'function' || type === 'symbol' || type === 'bigint') {
      return undefined;
    }
    count++;
    chars += key.length;
  }
  chars += count * 16;
  if (count > caps.maxItems || size + chars > caps.maxChars) return undefined;
  size += chars;
  return record;
}

/** copyOut for one record of a list: the fast way when it is flat, the general one otherwise. */
export function copyRecord(item: unknown, withCaps: OutputCaps): unknown {
  caps = withCaps;
  size = 0;
  if (typeof item === 'object' && item !== null && !isArray(item)) {
    const flat = flatCopy(item);
    if (flat !== undefined) return flat;
  }
  return copy(item, 0);
}
