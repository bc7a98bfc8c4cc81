import { readdir, readFile } from 'node:fs/promises';
import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { checkTemplate, validateTemplate } from './index.ts';

/** A small seeded generator (mulberry32), so a failure names a case that can be run again. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]) => items[int(items.length)] as T;
  return { next, int, pick };
}

type Random = ReturnType<typeof seeded>;

const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  '$symbol',
  '${undefined}',
  '__proto__',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: {} } },
  'nautilus.sim-market/bars',
  '^0.1.0',
  '*',
  '99.99.99',
  'sha256:',
  Array.from({ length: 300 }, (_, index) => index),
];

function randomValue(random: Random, depth = 0): unknown {
  if (depth > 3 || random.next() < 0.6) return random.pick(ODD_VALUES);
  if (random.next() < 0.5) return Array.from({ length: random.int(4) }, () => randomValue(random, depth + 1));
  const keys = ['id', 'type', 'name', 'default', 'panels', 'query', 'templateVersion', 'dashboard', 'inputs', 'zz'];
  return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(keys), randomValue(random, depth + 1)]));
}

/** Every path to a value inside `value`, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) paths(item, [...prefix, index], out);
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

/** One to three changes somewhere in the document: a value replaced, a key removed, a key added, an array emptied. */
function mutate(document: unknown, random: Random): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  for (let change = 0; change <= random.int(3); change++) {
    const all = paths(copy).filter((path) => path.length > 0);
    const path = random.pick(all);
    const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], copy);
    const key = path[path.length - 1] as string | number;
    if (parent === null || typeof parent !== 'object') continue;
    const what = random.int(4);
    if (what === 0) parent[key] = randomValue(random);
    else if (what === 1 && !Array.isArray(parent)) delete parent[key];
    else if (what === 2 && !Array.isArray(parent)) parent[`extra${random.int(3)}`] = randomValue(random);
    else if (Array.isArray(parent[key])) parent[key] = random.next() < 0.5 ? [] : [...parent[key], randomValue(random)];
    else parent[key] = randomValue(random);
  }
  return copy;
}

describe('fuzzed template files', () => {
  it('get field errors for every bad document and never an exception of another kind', async () => {
    const gallery = new URL('../gallery/', import.meta.url);
    const seeds = await Promise.all(
      (await readdir(gallery)).map(async (file) => JSON.parse(await readFile(new URL(file, gallery), 'utf8')) as unknown),
    );
    seeds.push(JSON.parse(await readFile(new URL('../fixtures/v1-market-overview.json', import.meta.url), 'utf8')));
    const random = seeded(Number(process.env.NAUTILUS_FUZZ_SEED ?? 20_240_611));
    const documents: unknown[] = [];
    for (let index = 0; index < 400; index++) documents.push(mutate(random.pick(seeds), random));
    for (let index = 0; index < 100; index++) documents.push(randomValue(random));
    let refused = 0;
    for (const [index, document] of documents.entries()) {
      const label = `document ${index}: ${JSON.stringify(document)?.slice(0, 300)}`;
      const checked = checkTemplate(document);
      if (!checked.ok) {
        refused++;
        expect(checked.issues.length, label).toBeGreaterThan(0);
        for (const issue of checked.issues) {
          expect(typeof issue.path, label).toBe('string');
          expect(issue.message.length, label).toBeGreaterThan(0);
          expect(issue.message.length, label).toBeLessThan(1000);
        }
      }
      try {
        validateTemplate(document);
        expect(checked.ok, label).toBe(true);
      } catch (error) {
        expect(isNautilusError(error) && error.code, label).toBe('VALIDATION');
        expect(checked.ok, label).toBe(false);
      }
    }
    // Most mutations break something; the test is only worth it if many were refused.
    expect(refused).toBeGreaterThan(300);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
