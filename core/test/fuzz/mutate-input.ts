import type { Hostile } from './hostile-values.ts';
import type { Random } from './seeded-random.ts';

type Key = string | number;

const MARKER = '__nautilus_fuzz_marker__';

/** The path of every value inside `input` (containers and leaves, the root excluded), parents first. */
export function fieldPaths(input: unknown): Key[][] {
  const paths: Key[][] = [];
  const stack: { value: unknown; path: Key[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop() as { value: unknown; path: Key[] };
    if (path.length) paths.push(path);
    const entries: [Key, unknown][] = Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : value && typeof value === 'object'
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return paths.reverse();
}

function label(path: Key[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

/** `input` with the value at `path` replaced by raw JSON text, or removed when `json` is undefined. */
export function withField(input: unknown, path: Key[], json: string | undefined): string {
  return withFields(input, [[path, json]]);
}

/** `input` with several values replaced by raw JSON text (or removed); the paths must not nest. */
function withFields(input: unknown, changes: [Key[], string | undefined][]): string {
  const copy = structuredClone(input) as Record<Key, unknown>;
  const texts: string[] = [];
  // Replacements first: a removal from an array would shift the indexes the others name.
  const ordered = [...changes.filter(([, json]) => json !== undefined), ...changes.filter(([, json]) => json === undefined)];
  for (const [path, json] of ordered) {
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<Key, unknown>;
    const last = path[path.length - 1] as Key;
    if (json !== undefined) {
      parent[last] = `${MARKER}${texts.length}`;
      texts.push(json);
    } else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  let serialised = JSON.stringify(copy);
  texts.forEach((text, index) => {
    serialised = serialised.replace(`"${MARKER}${index}"`, () => text);
  });
  return serialised;
}

/**
 * Mutations of a valid input: each field in turn replaced by `perField` hostile values (seeded
 * pick) and removed; `combos` times two or three leaves at once; plus the whole input with an
 * extra field and as an array.
 */
export function mutations(
  example: unknown,
  hostiles: readonly Hostile[],
  random: Random,
  perField: number,
  combos = 0,
): { label: string; json: string }[] {
  const result: { label: string; json: string }[] = [];
  for (const path of fieldPaths(example)) {
    result.push({ label: `${label(path)} removed`, json: withField(example, path, undefined) });
    for (const hostile of random.sample(hostiles, perField))
      result.push({ label: `${label(path)} = ${hostile.label}`, json: withField(example, path, hostile.json) });
  }
  // A few values at once: some checks only fail when two fields are bad together (a range's from and to).
  const leaves = fieldPaths(example).filter((path) => {
    const value = path.reduce<any>((node, key) => node[key], example);
    return value === null || typeof value !== 'object';
  });
  for (let combination = 0; combination < combos && leaves.length > 1; combination++) {
    const chosen = random.sample(leaves, 2 + random.int(2));
    const changes = chosen.map((path): [Key[], string] => [path, random.pick(hostiles).json]);
    result.push({
      label: `${chosen.map(label).join(', ')} = several hostile values (#${combination})`,
      json: withFields(example, changes),
    });
  }
  if (example && typeof example === 'object' && !Array.isArray(example)) {
    const text = JSON.stringify(example);
    const body = text.slice(1, -1);
    result.push({ label: 'extra field', json: `{${body}${body ? ',' : ''}"unexpected":"field"}` });
    result.push({ label: 'extra __proto__ field', json: `{${body}${body ? ',' : ''}"__proto__":{"polluted":true}}` });
  }
  result.push({ label: 'wrapped in an array', json: `[${JSON.stringify(example) ?? 'null'}]` });
  return result;
}
