import { configure } from 'safe-stable-stringify';
import type { DashboardTemplate } from './template.ts';

/** Keys a reader looks for first (a template's format and identity, an item's name), and what is long, last. */
const FIRST = ['templateVersion', 'schemaVersion', 'id', 'plugin', 'version', 'name', 'type', 'title', 'label', 'description'];
const LAST = ['dashboard', 'panels'];
const rank = (key: string) => {
  const first = FIRST.indexOf(key);
  if (first >= 0) return first;
  return LAST.includes(key) ? FIRST.length + 1 + LAST.indexOf(key) : FIRST.length;
};

// The order depends on key names only, never on the order they were written in (or a database
// returned them in: PostgreSQL's jsonb reorders them), so the same template always gives the same bytes.
const stringify = configure({
  deterministic: (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  bigint: false,
  circularValue: TypeError,
  strict: true,
});

/** The file text of a template: keys in a fixed order, two-space indent, a final newline. */
export function stringifyTemplate(template: DashboardTemplate): string {
  return `${stringify(template, null, 2)}\n`;
}

const compact = configure({ deterministic: true, bigint: false, circularValue: TypeError });

/**
 * Any JSON value with keys sorted at every level and no whitespace: the text to hash for a digest.
 * @example canonicalJson({ b: 1, a: [2] }) // '{"a":[2],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return compact(value) ?? 'null';
}
