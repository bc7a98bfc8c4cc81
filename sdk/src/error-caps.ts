// What an error may carry: a message, field issues and details that come from users' code (a strategy's
// thrown text, a plugin's message) can be any size, and errors are stored, returned and logged. These
// caps keep each of them small wherever an error is kept.

/** Longest message a NautilusError keeps. */
export const MAX_ERROR_MESSAGE = 4_000;

/** Bounds on a value an error carries (its details, a stored copy, a log line's fields). */
export interface ValueCaps {
  maxString: number;
  maxItems: number;
  maxDepth: number;
}

export const DETAILS_CAPS: Readonly<ValueCaps> = Object.freeze({ maxString: 4_000, maxItems: 1_000, maxDepth: 6 });

/**
 * `text` cut to `max` characters, followed by a note saying how many more were cut; as it is when short.
 * @example capText('x'.repeat(10_000), 4_000) // 'xxx…x… (6000 more characters cut)'
 */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters cut)`;
}

/**
 * `value` with every string cut by capText and lists, objects and nesting bounded: plain objects and
 * arrays are copied where something was over, anything else is kept as it is. Returns `value` itself
 * when nothing was over, so small details keep their identity.
 */
export function capValue(value: unknown, caps: ValueCaps = DETAILS_CAPS, depth = 0): unknown {
  if (typeof value === 'string') return capText(value, caps.maxString);
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value);
  const isList = Array.isArray(value);
  if (!isList && prototype !== Object.prototype && prototype !== null) return value;
  if (depth >= caps.maxDepth) return isList ? '[list nested too deep]' : '[object nested too deep]';
  if (isList) {
    const list = value as unknown[];
    let copy: unknown[] | undefined = list.length > caps.maxItems ? list.slice(0, caps.maxItems) : undefined;
    const count = Math.min(list.length, caps.maxItems);
    for (let index = 0; index < count; index++) {
      const capped = capValue(list[index], caps, depth + 1);
      if (capped !== list[index]) {
        copy ??= list.slice(0, count);
        copy[index] = capped;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let copy: Record<string, unknown> | undefined;
  if (keys.length > caps.maxItems) copy = {};
  for (let index = 0; index < Math.min(keys.length, caps.maxItems); index++) {
    const key = keys[index]!;
    const capped = capValue(record[key], caps, depth + 1);
    if (copy === undefined && capped !== record[key]) copy = Object.fromEntries(keys.slice(0, index).map((k) => [k, record[k]]));
    if (copy !== undefined) copy[capText(key, caps.maxString)] = capped;
  }
  return copy ?? value;
}
