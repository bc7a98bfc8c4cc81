import { asString, capText, sliceString, stringify } from './intrinsics.ts';

/** A thrown value reduced to strings that copy safely out of the isolate. */
export interface ThrownDescription {
  /** The Error's name, or `typeof` for a thrown non-Error (`throw 42` gives 'number'). */
  name: string;
  message: string;
  stack: string;
  isError: boolean;
}

const MAX_TEXT = 2_000;

/**
 * Describes whatever a strategy threw. Everything is read inside try/catch because the value may be a
 * Proxy, have throwing getters or a looping toString: a hostile value must not break the engine.
 */
export function describeThrown(value: unknown): ThrownDescription {
  try {
    if (value instanceof Error) {
      const stack = value.stack;
      return {
        name: cut(asString(value.name)),
        message: cut(asString(value.message)),
        stack: typeof stack === 'string' ? sliceString(stack, 0, 10 * MAX_TEXT) : '',
        isError: true,
      };
    }
    if (value === null) return { name: 'null', message: 'null', stack: '', isError: false };
    const kind = typeof value;
    if (kind === 'object' || kind === 'function') {
      let text: string;
      try {
        text = stringify(value) ?? Object.prototype.toString.call(value);
      } catch {
        text = Object.prototype.toString.call(value);
      }
      return { name: kind, message: cut(text), stack: '', isError: false };
    }
    const text = kind === 'string' ? stringify(cut(value as string))! : asString(value);
    return { name: kind, message: cut(text), stack: '', isError: false };
  } catch {
    return { name: 'unknown', message: 'a value that could not be described', stack: '', isError: false };
  }
}

// Through the slice captured before the strategy ran: its own String.prototype.slice may be anything.
function cut(text: string): string {
  return capText(text, MAX_TEXT);
}
