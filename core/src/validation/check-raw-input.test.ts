import { isNautilusError } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { checkRawInput, MAX_INPUT_DEPTH, rawInputIssues } from './check-raw-input.ts';

/** `levels` nested arrays around 1, built from text: the way a hostile client would send it. */
const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

describe('rawInputIssues', () => {
  it.each([
    ['a NUL alone', '\u0000', /NUL character \(\\u0000\) at index 0/],
    ['a NUL inside text', 'Desk\u0000 2', /NUL character \(\\u0000\) at index 4/],
    ['a lone high surrogate', '\ud800', /unpaired UTF-16 surrogate at index 0/],
    ['a lone low surrogate', 'ab\udc00', /unpaired UTF-16 surrogate at index 2/],
    ['a high surrogate before a letter', '\ud83dx', /unpaired UTF-16 surrogate at index 0/],
    ['a high surrogate at the end', 'ok \ud83d\ude00 \ud83d', /unpaired UTF-16 surrogate at index 6/],
    ['a low surrogate after a pair', '\ud83d\ude00\ude00', /unpaired UTF-16 surrogate at index 2/],
  ])('names the field holding %s', (_, text, message) => {
    const issues = rawInputIssues({ document: { panels: [{ id: 'p', title: text }] } });
    expect(issues).toEqual([{ path: 'document.panels[0].title', message: expect.stringMatching(message) }]);
  });

  it('accepts well-formed text of every plane, controls other than NUL, and escapes written out', () => {
    const text = 'Déjà vu 📈 𝄞 \u0001\t\n \\u0000 \\ud800 \u202e';
    expect(rawInputIssues({ title: text, tags: [text], [text]: text })).toEqual([]);
  });

  it('names a key holding NUL or a lone surrogate, printably', () => {
    const issues = rawInputIssues(JSON.parse('{"document":{"options":{"a\\u0000b":1,"\\ud800":2}}}'));
    expect(issues).toEqual([
      { path: 'document.options["a\\u0000b"]', message: expect.stringMatching(/^is a key that contains a NUL/) },
      { path: 'document.options["\\ud800"]', message: expect.stringMatching(/^is a key that contains an unpaired UTF-16/) },
    ]);
  });

  it(`accepts ${MAX_INPUT_DEPTH} levels of nesting and refuses ${MAX_INPUT_DEPTH + 1}, naming where it goes too deep`, () => {
    expect(rawInputIssues(nested(MAX_INPUT_DEPTH))).toEqual([]);
    const issues = rawInputIssues({ document: nested(MAX_INPUT_DEPTH) });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(`document${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}`);
    expect(issues[0]?.message).toBe(
      `nests arrays and objects more than ${MAX_INPUT_DEPTH} levels deep, the most any input may have; flatten it`,
    );
  });

  it('walks a million levels without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}`);
    expect(rawInputIssues(deep)).toHaveLength(1);
  });

  it('walks 300,000 siblings, containers included', () => {
    const wide = JSON.parse(`[${Array(300_000).fill('[{}]').join(',')},"\\u0000"]`);
    expect(rawInputIssues(wide)).toEqual([{ path: '[300000]', message: expect.stringMatching(/NUL/) }]);
  });

  it('stops after 20 issues, and shortens a long key in the path', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, '\u0000']));
    expect(rawInputIssues(many)).toHaveLength(20);
    const long = `${'x'.repeat(100)}\u0000`;
    expect(rawInputIssues({ [long]: 1 })[0]?.path).toBe(`["${'x'.repeat(40)}…"]`);
  });

  it('refuses what is not JSON (a multipart or octet-stream body)', () => {
    expect(rawInputIssues(new FormData())).toEqual([
      { path: '', message: 'must be JSON: send "content-type: application/json"' },
    ]);
    expect(rawInputIssues({ a: new Uint8Array(2) })[0]?.path).toBe('a');
  });

  it('accepts plain values, null-prototype objects and a "__proto__" key', () => {
    for (const value of [undefined, null, 0, -1e308, true, '', [], {}, Object.create(null), JSON.parse('{"__proto__":{"a":1}}')])
      expect(rawInputIssues(value)).toEqual([]);
  });
});

describe('checkRawInput', () => {
  it('throws VALIDATION naming every bad field', () => {
    try {
      checkRawInput({ name: 'a\u0000', tags: ['\udfff'] });
      expect.unreachable();
    } catch (error) {
      expect(isNautilusError(error) && error.code).toBe('VALIDATION');
      expect(isNautilusError(error) && error.fields.map((field) => field.path)).toEqual(['name', 'tags[0]']);
      expect((error as Error).message).toMatch(/^Invalid input: name: contains a NUL character/);
    }
  });
});
