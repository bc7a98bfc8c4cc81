import { NautilusError } from '@nautilus/sdk';
import type { ParamPoint } from './sweep-grid.ts';

/**
 * The strategy source with each param's declared `default:` set to the given value: how "save as new
 * version" turns a sweep point into a strategy. It edits the text of `<name>: { … default: <value> … }`
 * inside the params block (the shape the Lab and the examples write), so comments and formatting
 * survive; a param whose declaration it cannot find that way is a VALIDATION error naming it, never
 * a silently unchanged default.
 * @example withParamDefaults("fast: { type: 'integer', default: 10 }", { fast: 12 }) // "fast: { type: 'integer', default: 12 }"
 */
export function withParamDefaults(source: string, params: ParamPoint): string {
  let out = source;
  const missing: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const escaped = name.replace(/[$]/g, '\\$');
    const pattern = new RegExp(
      `(\\b${escaped}\\s*:\\s*\\{[^{}]*?\\bdefault\\s*:\\s*)('(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`,
    );
    if (!pattern.test(out)) {
      missing.push(name);
      continue;
    }
    out = out.replace(
      pattern,
      (_match, head: string) =>
        `${head}${typeof value === 'string' ? JSON.stringify(value).replace(/^"|"$/g, "'") : String(value)}`,
    );
  }
  if (missing.length > 0) {
    throw NautilusError.validation(
      'strategy source',
      missing.map((name) => ({
        path: `params.${name}`,
        message: 'has no `default:` in a `{ … }` declaration this can rewrite; edit it in the Lab',
      })),
    );
  }
  return out;
}
