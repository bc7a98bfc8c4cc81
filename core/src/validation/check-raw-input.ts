import { type FieldIssue, NautilusError } from '@nautilus/sdk';

/**
 * Deepest nesting of arrays and objects an API input may have. A dashboard document, the deepest
 * real input, nests about a dozen levels (envelope, panels, a widget's options); 64 leaves room for
 * any widget's options and stays far below what recursive code (zod, Ajv, JSON.stringify, jsonb)
 * can walk without overflowing the stack.
 */
export const MAX_INPUT_DEPTH = 64;

/** Enough to show what is wrong without turning a hostile input into a huge answer. */
const MAX_ISSUES = 20;
const MAX_KEY_CHARS = 40;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

/**
 * What makes a string unstorable, or undefined if it is fine. NUL cannot be stored in PostgreSQL
 * text or jsonb; an unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD, so
 * the text read back would differ from the text sent).
 */
function stringProblem(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return `contains a NUL character (\\u0000) at index ${nul}; remove it`;
  if (!text.isWellFormed()) {
    return `contains an unpaired UTF-16 surrogate at index ${loneSurrogateIndex(text)}, which is not valid Unicode; send well-formed text`;
  }
  return undefined;
}

function loneSurrogateIndex(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
    else return index;
  }
  return -1;
}

function segment(key: string | number, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return first ? key : `.${key}`;
  const shown = key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key;
  // JSON escapes NUL and lone surrogates, so the path itself is printable.
  return `[${JSON.stringify(shown)}]`;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `document.panels[0].title` for a frame, the way zod and Ajv paths read. */
function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().reduce<string>((path, key) => path + segment(key, path === ''), '');
}

/**
 * Every field of a raw (just JSON-parsed) input that no procedure may accept: strings and object
 * keys with NUL or unpaired surrogates, and nesting deeper than {@link MAX_INPUT_DEPTH}. Walks
 * iteratively, so a hostile input cannot overflow the stack here either.
 */
export function rawInputIssues(input: unknown, maxDepth = MAX_INPUT_DEPTH): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Only containers get a frame; strings are checked where their parent is walked (far fewer allocations).
  const stack: Frame[] = [];
  const visit = (value: unknown, parent: Frame | undefined, key: string | number | undefined, depth: number) => {
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) issues.push({ path: pathOf({ value, depth, parent, key }), message: problem });
    } else if (typeof value === 'object' && value !== null) {
      stack.push({ value, depth, parent, key });
    }
  };
  visit(input, undefined, undefined, 0);
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const frame = stack.pop() as Frame;
    const value = frame.value as object;
    if (!Array.isArray(value) && !isPlainObject(value)) {
      // tRPC also reads multipart and octet-stream bodies; no procedure takes them.
      issues.push({ path: pathOf(frame), message: 'must be JSON: send "content-type: application/json"' });
      continue;
    }
    const depth = frame.depth + 1;
    if (depth > maxDepth) {
      issues.push({
        path: pathOf(frame),
        message: `nests arrays and objects more than ${maxDepth} levels deep, the most any input may have; flatten it`,
      });
      continue;
    }
    const pushedFrom = stack.length;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) visit(value[index], frame, index, depth);
    } else {
      for (const key of Object.keys(value)) {
        const problem = stringProblem(key);
        if (problem)
          issues.push({ path: pathOf({ value: undefined, depth, parent: frame, key }), message: `is a key that ${problem}` });
        else visit((value as Record<string, unknown>)[key], frame, key, depth);
      }
    }
    // Reversed in place, so children come off the stack in the order they were sent.
    for (let low = pushedFrom, high = stack.length - 1; low < high; low++, high--) {
      [stack[low], stack[high]] = [stack[high] as Frame, stack[low] as Frame];
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

/**
 * Throws VALIDATION naming each field of `input` that no procedure accepts (see {@link rawInputIssues}).
 * @example checkRawInput({ title: 'a\u0000b' }) // throws: Invalid input: title: contains a NUL character …
 */
export function checkRawInput(input: unknown): void {
  const issues = rawInputIssues(input);
  if (issues.length) throw NautilusError.validation('input', issues);
}
