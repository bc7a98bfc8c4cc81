import type { FuzzRequest, FuzzRole } from './fuzz-client.ts';
import type { Random } from './seeded-random.ts';

export interface Procedure {
  path: string;
  type: string;
}

const enc = encodeURIComponent;

/** Request bodies that are not JSON, or not quite. */
const MALFORMED_BODIES: [string, BodyInit][] = [
  ['open brace', '{'],
  ['unterminated array', '[1,'],
  ['unterminated string with a lone surrogate', '"\\ud800'],
  ['undefined', 'undefined'],
  ['NaN', 'NaN'],
  ['byte order mark', '\ufeff{}'],
  ['trailing garbage', '{"a":1}garbage'],
  ['blank', '   '],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ['raw NUL byte', new Uint8Array([0x22, 0x61, 0x00, 0x62, 0x22])],
  ['raw NUL byte in a key', new Uint8Array([0x7b, 0x22, 0x00, 0x22, 0x3a, 0x31, 0x7d])],
];

/** `?input=` values that are not JSON or not valid percent-encoding. */
const MALFORMED_QUERY_INPUTS = ['%', '%E0%A4%A', '%7B', '%00', 'undefined', '%22%5Cud800%22', '%FF%FE', `${'%5B'.repeat(5_000)}`];

const CONTENT_TYPES: (string | undefined)[] = [
  undefined,
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/jsonl',
  'application/x-www-form-urlencoded',
  'application/json, text/plain',
];

/**
 * The transport around one procedure, abused: wrong methods, content types, malformed JSON and
 * query strings, odd `?batch=` values and batch shapes, streaming accept headers.
 */
export function transportRequests(
  role: FuzzRole,
  procedure: Procedure,
  example: string,
  others: Procedure[],
  random: Random,
  { batches = true } = {},
): FuzzRequest[] {
  const { path, type } = procedure;
  const requests: FuzzRequest[] = [];
  const add = (label: string, url: string, init: RequestInit, procedures = [path]) =>
    requests.push({ label: `${path} ${label}`, url, init, role, procedures });
  const json = { 'content-type': 'application/json' };

  add('as GET', `/trpc/${path}?input=${enc(example)}`, { method: 'GET' });
  add('as POST', `/trpc/${path}`, { method: 'POST', headers: json, body: example });
  for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])
    add(`as ${method}`, `/trpc/${path}?input=${enc(example)}`, {
      method,
      ...(method === 'HEAD' ? {} : { headers: json, body: example }),
    });
  for (const contentType of CONTENT_TYPES) {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    add(`POST with content-type ${contentType ?? '(none)'}`, `/trpc/${path}`, { method: 'POST', headers, body: example });
  }
  add('GET with a multipart content type', `/trpc/${path}?input=${enc(example)}`, {
    method: 'GET',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  });
  for (const [label, body] of MALFORMED_BODIES)
    add(`POST body ${label}`, `/trpc/${path}`, { method: 'POST', headers: json, body });
  for (const input of MALFORMED_QUERY_INPUTS)
    add(`GET ?input=${input.slice(0, 20)}`, `/trpc/${path}?input=${input}`, { method: 'GET' });

  if (!batches) return requests;
  // Batches: odd ?batch= values and input shapes, paths that are not procedures, and mixes.
  for (const batch of ['0', '2', 'true', '', '1&batch=1', '%00'])
    add(`?batch=${batch}`, `/trpc/${path}?batch=${batch}&input=${enc(`{"0":${example}}`)}`, { method: 'GET' });
  for (const input of [
    '[]',
    'null',
    '"x"',
    `[${example}]`,
    '{}',
    `{"1":${example}}`,
    `{"-1":${example}}`,
    `{"__proto__":${example}}`,
    '{"0":',
  ])
    add(`batch with input ${input.slice(0, 30)}`, `/trpc/${path}?batch=1&input=${enc(input)}`, { method: 'GET' });
  add('batch with an empty path segment', `/trpc/${path},,${path}?batch=1&input=${enc(`{"0":${example}}`)}`, { method: 'GET' });
  add('batch with an unknown procedure', `/trpc/${path},nope.nothing?batch=1&input=${enc(`{"0":${example}}`)}`, {
    method: 'GET',
  });
  add('batch of 60', `/trpc/${Array(60).fill(path).join(',')}?batch=1`, {
    method: 'POST',
    headers: json,
    body: `{"0":${example}}`,
  });
  add('POST batch', `/trpc/${path}?batch=1`, { method: 'POST', headers: json, body: `{"0":${example}}` });
  // A streamed mutation gets an empty input: what it would create could not be counted from the stream.
  add('streamed batch', `/trpc/${path}?batch=1&input=${enc(`{"0":${example}}`)}`, {
    method: type === 'mutation' ? 'POST' : 'GET',
    headers: { 'trpc-accept': 'application/jsonl', ...json },
    ...(type === 'mutation' ? { body: '{"0":{}}' } : {}),
  });
  add('streamed, not batched', `/trpc/${path}?input=${enc(example)}`, {
    method: 'GET',
    headers: { accept: 'application/jsonl' },
  });
  add('bad connectionParams', `/trpc/${path}?connectionParams=${enc('{"a":{"b":1}}')}&input=${enc(example)}`, { method: 'GET' });
  add('lastEventId with NUL', `/trpc/${path}?lastEventId=%00&input=${enc(example)}`, { method: 'GET' });

  const mix = random.sample(others, 3);
  const mixPaths = [path, ...mix.map((other) => other.path)];
  const mixInput = `{${mixPaths.map((_, index) => `"${index}":${index === 0 ? example : random.pick(['null', '{}', '{"id":"x"}', '[]'])}`).join(',')}}`;
  add(
    `batch mixed with ${mixPaths.slice(1).join(',')} (GET)`,
    `/trpc/${mixPaths.join(',')}?batch=1&input=${enc(mixInput)}`,
    { method: 'GET' },
    mixPaths,
  );
  add(
    `batch mixed with ${mixPaths.slice(1).join(',')} (POST)`,
    `/trpc/${mixPaths.join(',')}?batch=1`,
    { method: 'POST', headers: json, body: mixInput },
    mixPaths,
  );
  return requests;
}

/** Paths under /trpc that name no procedure, or not in a way tRPC expects. */
export const ODD_TRPC_PATHS = [
  '/trpc',
  '/trpc/',
  '/trpc/__proto__',
  '/trpc/constructor',
  '/trpc/toString',
  '/trpc/hasOwnProperty',
  '/trpc/dashboards',
  '/trpc/dashboards.',
  '/trpc/.list',
  '/trpc/dashboards.list/extra',
  '/trpc//dashboards.list',
  '/trpc/%E0%A4%A',
  '/trpc/a%00b',
  '/trpc/%2e%2e%2f',
  `/trpc/${'x'.repeat(10_000)}`,
  '/trpc/dashboards.__proto__',
  '/trpc/_def.procedures',
];
