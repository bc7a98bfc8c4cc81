import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type TestDatabase } from '../../test/databases.ts';
import { type Auth, type Harness, openHarness } from '../../test/harness.ts';

const pglite = dialects.find((dialect) => dialect.name === 'pglite') as (typeof dialects)[number];
const json = { 'content-type': 'application/json' };
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** What tRPC refuses before or around a procedure: the request, the status, and what the message must say. */
const REFUSALS: [string, string, RequestInit, number, RegExp][] = [
  [
    'GET on a mutation',
    '/trpc/dashboards.create?input=%7B%7D',
    {},
    405,
    /A mutation is sent as POST \/trpc\/dashboards\.create with a JSON body/,
  ],
  [
    'POST on a query',
    '/trpc/dashboards.list',
    { method: 'POST', headers: json, body: '{}' },
    405,
    /A query is sent as GET \/trpc\/dashboards\.list\?input=/,
  ],
  ['PUT', '/trpc/dashboards.create', { method: 'PUT', headers: json, body: '{}' }, 405, /A mutation is sent as POST/],
  ['DELETE', '/trpc/dashboards.delete', { method: 'DELETE', headers: json, body: '{}' }, 405, /A mutation is sent as POST/],
  [
    'a text/plain body',
    '/trpc/dashboards.create',
    { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' },
    415,
    /^Unsupported content-type "text\/plain"\. Send .* "content-type: application\/json"\.$/,
  ],
  [
    'a body without content type',
    '/trpc/dashboards.create',
    { method: 'POST', body: new TextEncoder().encode('{}') },
    415,
    /^Missing content-type header\. Send a query as GET/,
  ],
  [
    'a multipart body',
    '/trpc/dashboards.create',
    { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' },
    400,
    /must be JSON: send "content-type: application\/json"/,
  ],
  [
    'a malformed JSON body',
    '/trpc/dashboards.create',
    { method: 'POST', headers: json, body: '{"document":' },
    400,
    /^The input is not valid JSON \(.+\)\. Send a query as GET/,
  ],
  ['a malformed ?input=', '/trpc/dashboards.get?input=%7B', {}, 400, /^The input is not valid JSON/],
  [
    'an unknown procedure',
    '/trpc/dashboards.nope',
    {},
    404,
    /^There is no procedure "dashboards\.nope": procedures are named <area>\.<verb>/,
  ],
  ['the endpoint itself', '/trpc/', {}, 404, /^There is no procedure ""/],
  [
    'a batch whose input is not an object',
    `/trpc/dashboards.list?batch=1&input=${input([1])}`,
    {},
    400,
    /"input" needs to be an object when doing a batch call/,
  ],
  [
    'a batch mixing queries and mutations',
    `/trpc/dashboards.list,dashboards.create?batch=1`,
    { method: 'POST', headers: json, body: '{}' },
    400,
    /Cannot mix procedure types/,
  ],
  [
    'malformed connectionParams',
    `/trpc/dashboards.list?connectionParams=%7B`,
    {},
    400,
    /Not JSON-parsable query params\. Send a query as GET/,
  ],
  [
    'a streamed call that is not a batch',
    '/trpc/dashboards.list',
    { headers: { 'trpc-accept': 'application/jsonl' } },
    400,
    /Streaming requests must be batched/,
  ],
];

describe('tRPC transport errors, in process', () => {
  let database: TestDatabase;
  let api: Harness;
  let admin: Auth;
  beforeAll(async () => {
    database = await pglite.create();
    api = await openHarness(database);
    admin = await api.loginAs('admin');
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  for (const [what, path, init, status, message] of REFUSALS) {
    it(`answers ${what} with ${status} and VALIDATION or NOT_FOUND, saying what to send instead`, async () => {
      for (const auth of [{}, admin]) {
        const headers = { ...(init.headers as Record<string, string>), ...(auth.cookie ? { cookie: auth.cookie } : {}) };
        const response = await api.request(path, { ...init, headers });
        expect(response.status).toBe(status);
        const body = (await response.json()) as any;
        const error = Array.isArray(body) ? body[0].error : body.error;
        expect(error.data.nautilus.code).toBe(status === 404 ? 'NOT_FOUND' : 'VALIDATION');
        expect(error.data.nautilus.message).toMatch(message);
        expect(error.message).toBe(error.data.nautilus.message);
      }
    });
  }

  it('answers a POST to a subscription with an error event saying to open it with GET', async () => {
    const response = await api.request('/trpc/deployments.watch', {
      method: 'POST',
      headers: { ...json, cookie: admin.cookie as string },
      body: '{}',
    });
    const text = await response.text();
    const event = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1] as string;
    expect(JSON.parse(event).data.nautilus).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /A subscription is opened with GET \/trpc\/deployments\.watch\?input=.* read as server-sent events/,
      ),
    });
  });

  it('lets a procedure that takes no input ignore an input that is not JSON, as tRPC does, but checks one that takes input', async () => {
    const cookie = admin.cookie as string;
    const ignored = await api.request('/trpc/plugins.list?input=undefined', { headers: { cookie } });
    expect(ignored.status).toBe(200);
    const read = await api.request('/trpc/dashboards.get?input=undefined', { headers: { cookie } });
    expect(read.status).toBe(400);
    expect(((await read.json()) as any).error.data.nautilus.code).toBe('VALIDATION');
  });

  it('keeps tRPC’s Allow header on a 405', async () => {
    const response = await api.request('/trpc/dashboards.create?input=%7B%7D', { headers: { cookie: admin.cookie as string } });
    expect(response.headers.get('allow')).toBe('POST');
  });

  for (const [how, body] of [
    ['declared with Content-Length', 'x'.repeat(2 * 1024 * 1024 + 1)],
    ['streamed without a length', new Blob(['x'.repeat(2 * 1024 * 1024 + 1)]).stream()],
  ] as const) {
    it(`answers a body over 2 MiB (${how}) with 413, VALIDATION naming the limit, and Connection: close`, async () => {
      const before = (await api.call('dashboards.list', undefined, admin)).data.length;
      const response = await api.request('/trpc/dashboards.create', {
        method: 'POST',
        headers: {
          ...json,
          cookie: admin.cookie as string,
          ...(typeof body === 'string' ? { 'content-length': String(body.length) } : {}),
        },
        body,
        ...(typeof body === 'string' ? {} : { duplex: 'half' }),
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get('connection')).toBe('close');
      const error = ((await response.json()) as any).error;
      expect(error.data).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        httpStatus: 413,
        nautilus: { code: 'VALIDATION', details: { maxBytes: 2_097_152 } },
      });
      expect(error.data.nautilus.message).toMatch(
        /^The request body is over 2097152 bytes, the most a request may carry; send less/,
      );
      expect((await api.call('dashboards.list', undefined, admin)).data).toHaveLength(before);
    });
  }

  it('still takes a body just under the limit', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024 - 200);
    const response = await api.request('/trpc/apiKeys.create', {
      method: 'POST',
      headers: { ...json, cookie: admin.cookie as string },
      body: JSON.stringify({ name: 'under the limit', padding }),
    });
    expect(response.status).toBe(200);
  });
});
