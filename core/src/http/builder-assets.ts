import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';

/** Content types of what the builder and plugins ship. */
export const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** A hashed name never changes content: browsers keep it a year without asking again. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page may be kept, but is checked (ETag) before each use: it names the current release's assets. */
export const REVALIDATE = 'no-cache';

/** Vite's file names: `<name>-<8-character hash>.<ext>`, no folders. */
const ASSET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** Precompressed siblings the build writes next to each compressible file, best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves `/assets/<file>` of the built app: hashed names as immutable, the build's precompressed
 * `.br`/`.gz` sibling when the client accepts it (a file without one may still be gzipped on the fly
 * by the compress middleware in front), and 404 for a file the build does not have, so a page from an
 * older release gets a clear failure instead of the app's HTML under a script's name.
 */
export function serveBuilderAsset(builderDir: string) {
  const assetsDir = join(builderDir, 'assets');
  return async (c: Context) => {
    const name = c.req.path.slice('/assets/'.length);
    const file = join(assetsDir, name);
    if (!ASSET_NAME.test(name) || name.endsWith('.br') || name.endsWith('.gz') || !existsSync(file)) {
      return c.text(`No asset ${name} in this build of the app; reload the page.\n`, 404);
    }
    const headers: Record<string, string> = {
      'content-type': ASSET_TYPES[extname(name)] ?? 'application/octet-stream',
      'cache-control': HASHED_NAME.test(name) ? IMMUTABLE : REVALIDATE,
      vary: 'Accept-Encoding',
    };
    const encoding = chooseEncoding(
      c.req.header('accept-encoding'),
      ENCODINGS.filter((candidate) => existsSync(file + candidate.suffix)),
    );
    if (encoding) headers['content-encoding'] = encoding.name;
    return c.body(await readFile(encoding ? file + encoding.suffix : file), 200, headers);
  };
}

/**
 * The best encoding the client accepts among those on disk: the highest q, and on a tie the smaller
 * one (browsers list `gzip, deflate, br, zstd`, all at q=1, and brotli is a fifth smaller).
 */
function chooseEncoding<T extends { name: string }>(header: string | undefined, available: readonly T[]): T | undefined {
  const accepted = parseAccept(header ?? '');
  const wildcard = accepted.find((entry) => entry.type === '*')?.q ?? 0;
  let best: { encoding: T; q: number } | undefined;
  for (const encoding of available) {
    const q = accepted.find((entry) => entry.type.toLowerCase() === encoding.name)?.q ?? wildcard;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/**
 * Answers the app's page with a strong ETag over its bytes and `no-cache`: each visit asks again,
 * and an unchanged page costs a 304 instead of a download.
 */
export function revalidatedHtml(c: Context, html: string, extraHeaders: Record<string, string> = {}): Response {
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
  const headers = { ...extraHeaders, etag, 'cache-control': REVALIDATE };
  const ifNoneMatch = c.req.header('if-none-match');
  const tags = ifNoneMatch?.split(',').map((tag) => tag.trim().replace(/^W\//, '')) ?? [];
  if (tags.includes(etag) || tags.includes('*')) {
    return c.body(null, 304, headers);
  }
  return c.html(html, 200, headers);
}
