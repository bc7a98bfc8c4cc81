import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { FUZZ_PORTFOLIO } from '../../test/fuzz/example-inputs.ts';
import { fieldPaths, withField } from '../../test/fuzz/mutate-input.ts';
import { type Auth, type Harness, openHarness, sampleDocument } from '../../test/harness.ts';
import { RHYTHM_TRADER } from '../../test/strategies.ts';
import { MAX_INPUT_DEPTH } from '../validation/check-raw-input.ts';

/** A dashboard with a markdown panel too: every kind of text a document carries. */
function documentWithNotes(): Record<string, unknown> {
  const document = sampleDocument('Boundary desk');
  (document.panels as unknown[]).push({
    id: 'notes',
    type: 'nautilus.widgets-core/text',
    pluginVersion: '0.1.0',
    title: 'Notes',
    gridPos: { x: 12, y: 0, w: 12, h: 8 },
    options: { markdown: '# Notes\n\nBuy low.' },
  });
  return document;
}

type Key = string | number;
const pathText = (path: Key[]) =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');

function valueAt(input: unknown, path: Key[]): unknown {
  return path.reduce<any>((value, key) => value[key], input);
}

/** Every string of `input`, each spoiled by `spoil`, with the path the error must name. */
function spoiledStrings(input: unknown, spoil: (text: string) => string): { path: string; json: string }[] {
  return fieldPaths(input)
    .filter((path) => typeof valueAt(input, path) === 'string')
    .map((path) => ({
      path: pathText(path),
      json: withField(input, path, JSON.stringify(spoil(valueAt(input, path) as string))),
    }));
}

/** Every object key of `input` spoiled by `spoil` (the key renamed, its value kept), with the path of the renamed key. */
function spoiledKeys(input: unknown, spoil: (text: string) => string): { path: string; json: string }[] {
  return fieldPaths(input)
    .filter((path) => typeof path[path.length - 1] === 'string')
    .map((path) => {
      const key = path[path.length - 1] as string;
      const parentPath = path.slice(0, -1);
      const parent = valueAt(input, parentPath) as Record<string, unknown>;
      const bad = spoil(key);
      const renamed = JSON.stringify(
        Object.fromEntries(Object.entries(parent).map(([name, value]) => [name === key ? bad : name, value])),
      );
      const json = parentPath.length ? withField(input, parentPath, renamed) : renamed;
      // A key that is not an identifier is shown in brackets, JSON-escaped.
      return { path: `${pathText(parentPath)}[${JSON.stringify(bad)}]`, json };
    });
}

const SPOILERS: [string, (text: string) => string, RegExp][] = [
  ['a NUL', (text) => `${text}\u0000`, /NUL character/],
  ['a lone high surrogate', (text) => `\ud800${text}`, /unpaired UTF-16 surrogate/],
  ['a lone low surrogate', (text) => `${text.slice(0, 1)}\udc00${text.slice(1)}`, /unpaired UTF-16 surrogate/],
];

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`the API input boundary on ${dialect.name}`, () => {
    let database: TestDatabase;
    let api: Harness;
    let admin: Auth;

    beforeAll(async () => {
      database = await dialect.create();
      api = await openHarness(database, { plugins: 'first-party' });
      admin = await api.loginAs('admin');
    });
    afterAll(async () => {
      await api?.close();
      await database?.drop();
    });

    /** What can be created, the list that shows it, and a valid input (sent once first, as the control). */
    const creates: [string, string, () => Record<string, unknown>][] = [
      ['dashboards.create', 'dashboards.list', () => ({ document: documentWithNotes() })],
      [
        'strategies.create',
        'strategies.list',
        () => ({ source: RHYTHM_TRADER, name: 'Boundary', description: 'd', message: 'm' }),
      ],
      ['portfolios.create', 'portfolios.list', () => ({ ...FUZZ_PORTFOLIO, name: 'Boundary book' })],
      ['users.create', 'users.list', () => ({ username: 'boundary-user', password: 'a long enough password', role: 'viewer' })],
      ['apiKeys.create', 'apiKeys.list', () => ({ name: 'boundary key' })],
    ];

    /** POSTs raw JSON text as a mutation. */
    const post = async (procedure: string, json: string) => {
      const response = await api.request(`/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie as string },
        body: json,
      });
      return { status: response.status, body: (await response.json()) as any };
    };

    for (const [procedure, list, input] of creates) {
      it(`refuses NUL and lone surrogates in every field and key of ${procedure} with VALIDATION naming it, storing nothing`, async () => {
        const control = await api.call(procedure, input(), admin);
        expect(control.status, JSON.stringify(control.error)).toBe(200);
        const before = (await api.call(list, undefined, admin)).data.length;
        const wrong: string[] = [];
        for (const [what, spoil, message] of SPOILERS) {
          for (const { path, json } of [...spoiledStrings(input(), spoil), ...spoiledKeys(input(), spoil)]) {
            const { status, body } = await post(procedure, json);
            const nautilus = body.error?.data?.nautilus;
            const ok = status === 400 && nautilus?.code === 'VALIDATION' && nautilus.fields[0]?.path === path;
            if (!ok || !message.test(nautilus.fields[0].message))
              wrong.push(`${what} at ${path}: ${status} ${JSON.stringify(nautilus)}`);
          }
        }
        expect(wrong).toEqual([]);
        expect((await api.call(list, undefined, admin)).data).toHaveLength(before);
      });
    }

    it('refuses them in a query string (GET ?input=) and in one call of a batch, naming the field', async () => {
      const get = await api.call('dashboards.get', { id: 'a\u0000b' }, admin);
      expect(get.status).toBe(400);
      expect(get.error.data.nautilus.fields).toEqual([{ path: 'id', message: expect.stringMatching(/NUL character/) }]);
      const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { id: '\ud800' } }));
      const response = await api.request(`/trpc/dashboards.list,dashboards.get?batch=1&input=${input}`, {
        headers: { cookie: admin.cookie as string },
      });
      const [list, bad] = (await response.json()) as any[];
      expect(list.result.data).toBeInstanceOf(Array);
      expect(bad.error.data.nautilus).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'id' }] });
    });

    it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels with VALIDATION stating the limit, in bodies, query strings and batches`, async () => {
      const before = (await api.call('dashboards.list', undefined, admin)).data.length;
      const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      const limit = new RegExp(`more than ${MAX_INPUT_DEPTH} levels deep`);
      for (const levels of [MAX_INPUT_DEPTH + 1, 5_000, 100_000]) {
        for (const [procedure, json] of [
          ['dashboards.create', `{"document":${deep(levels)}}`],
          ['dashboards.create', `{"document":${'['.repeat(levels)}1${']'.repeat(levels)}}`],
          ['dashboards.save', `{"id":"x","baseVersion":1,"document":${deep(levels)}}`],
          ['portfolios.create', `{"name":"Deep","capital":1,"positions":[],"limits":${deep(levels)}}`],
          ['strategies.create', `{"source":"x","name":${deep(levels)}}`],
        ]) {
          const { status, body } = await post(procedure as string, json as string);
          expect(status, `${procedure} ${levels}`).toBe(400);
          expect(body.error.data.nautilus.code).toBe('VALIDATION');
          expect(body.error.data.nautilus.message).toMatch(limit);
        }
        const query = await api.request(`/trpc/risk.var?input=${encodeURIComponent(`{"portfolioId":${deep(levels)}}`)}`, {
          headers: { cookie: admin.cookie as string },
        });
        expect(query.status).toBe(400);
        expect(JSON.stringify(await query.json())).toMatch(limit);
        const batch = await api.request(
          `/trpc/dashboards.list,dashboards.get?batch=1&input=${encodeURIComponent(`{"1":${deep(levels)}}`)}`,
          {
            headers: { cookie: admin.cookie as string },
          },
        );
        const [, bad] = (await batch.json()) as any[];
        expect(bad.error.data.nautilus.message).toMatch(limit);
      }
      expect((await api.call('dashboards.list', undefined, admin)).data).toHaveLength(before);
    });
  });
}
