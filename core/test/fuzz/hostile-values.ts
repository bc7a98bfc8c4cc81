import type { Random } from './seeded-random.ts';

/** One hostile JSON value, as the JSON text sent (raw text, so it can hold what JSON.stringify would not write). */
export interface Hostile {
  label: string;
  json: string;
}

const text = (label: string, value: unknown): Hostile => ({ label, json: JSON.stringify(value) });
const raw = (label: string, json: string): Hostile => ({ label, json });

/** Nested `levels` deep, written as text: building it as a value would need recursion to serialise. */
function deep(kind: 'array' | 'object', levels: number): Hostile {
  const json =
    kind === 'array' ? `${'['.repeat(levels)}1${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return raw(`${kind} nested ${levels} deep`, json);
}

/** Hostile values every field is tried with: wrong types, edge numbers, bad text, odd keys, deep and wide shapes. */
export const HOSTILE_VALUES: readonly Hostile[] = [
  raw('null', 'null'),
  raw('true', 'true'),
  raw('false', 'false'),
  raw('0', '0'),
  raw('-1', '-1'),
  raw('-0', '-0'),
  raw('1.5', '1.5'),
  raw('1e308', '1e308'),
  raw('-1e308', '-1e308'),
  raw('1e999 (parses to Infinity)', '1e999'),
  raw('-1e999 (parses to -Infinity)', '-1e999'),
  raw('2^53 + 1', '9007199254740993'),
  raw('2^31', '2147483648'),
  raw('2^32', '4294967296'),
  raw('denormal', '5e-324'),
  raw('epoch ms past the Date range', '8640000000000001'),
  raw('epoch ms before the Date range', '-8640000000000001'),
  raw('epoch ms of year 10000', '253402300800000'),
  raw('last epoch ms of year 9999', '253402300799999'),
  raw('epoch ms before year 1', '-62135596800001'),
  raw('30 digits', '123456789012345678901234567890'),
  text('empty string', ''),
  text('blank string', '   '),
  text('"a"', 'a'),
  text('"NaN"', 'NaN'),
  text('"Infinity"', 'Infinity'),
  text('"-1"', '-1'),
  text('"1e309"', '1e309'),
  text('"0x1F"', '0x1F'),
  text('400 digits', '9'.repeat(400)),
  text('100 KB string', 'x'.repeat(100_000)),
  text('NUL', '\u0000'),
  text('NUL inside', 'a\u0000b'),
  text('lone high surrogate', '\ud800'),
  text('lone low surrogate', 'x\udc00'),
  text('high surrogate then a letter', '\ud83da'),
  text('emoji (valid pair)', '\ud83d\ude00'),
  text('right-to-left override', 'abc\u202edef'),
  text('percent escapes', '%00%ff%E0%A4%A'),
  text('path traversal', '../../../../etc/passwd'),
  text('markup', '<script>alert(1)</script>'),
  text('SQL', "' OR 1=1; DROP TABLE users; --"),
  text('variable', '$symbol'),
  text('relative time far back', 'now-99999999d'),
  text('date past the Date range', '+275760-09-13T00:00:00.001Z'),
  text('impossible date', '2025-02-30T25:61:00Z'),
  text('nil uuid', '00000000-0000-0000-0000-000000000000'),
  text('max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  text('"__proto__"', '__proto__'),
  text('"constructor"', 'constructor'),
  raw('empty array', '[]'),
  raw('array of null', '[null]'),
  raw('mixed array', '[1,"a",{},[],null]'),
  raw('empty object', '{}'),
  raw('__proto__ key', '{"__proto__":{"polluted":true,"role":"admin"}}'),
  raw('constructor.prototype key', '{"constructor":{"prototype":{"polluted":true}}}'),
  raw('NUL key', '{"a\\u0000b":1}'),
  raw('lone surrogate key', '{"\\ud800":1}'),
  raw('duplicate keys', '{"a":1,"a":2}'),
  deep('array', 5_000),
  deep('object', 5_000),
  deep('array', 65),
  deep('object', 200),
  raw('10,000 keys', `{${Array.from({ length: 10_000 }, (_, index) => `"k${index}":${index}`).join(',')}}`),
  raw('10,000 numbers', `[${Array.from({ length: 10_000 }, (_, index) => index).join(',')}]`),
];

/** Text of random UTF-16 code units, NUL and surrogates included. */
function randomText(random: Random): string {
  const length = random.int(24);
  let result = '';
  for (let index = 0; index < length; index++) {
    const roll = random.next();
    result += String.fromCharCode(roll < 0.1 ? 0 : roll < 0.3 ? 0xd800 + random.int(0x800) : random.int(0x10000));
  }
  return result;
}

function randomNumber(random: Random): number {
  const magnitude = 2 ** random.int(70);
  const value = random.next() < 0.5 ? Math.floor(random.next() * magnitude) : random.next() * magnitude;
  return random.next() < 0.3 ? -value : value;
}

function randomValue(random: Random, depth: number): unknown {
  const roll = random.int(depth > 2 ? 4 : 6);
  if (roll === 0) return randomText(random);
  if (roll === 1) return randomNumber(random);
  if (roll === 2) return random.pick([null, true, false]);
  if (roll === 3) return random.pick(['', 'a', 'SIM:AAPL', '1h', 'now-7d', 'admin', 'editor']);
  if (roll === 4) return Array.from({ length: random.int(4) }, () => randomValue(random, depth + 1));
  return Object.fromEntries(Array.from({ length: random.int(4) }, () => [randomText(random), randomValue(random, depth + 1)]));
}

/** `count` random values from `random`: the same seed gives the same values. */
export function randomHostiles(random: Random, count: number): Hostile[] {
  return Array.from({ length: count }, (_, index) => text(`random #${index}`, randomValue(random, 0)));
}
