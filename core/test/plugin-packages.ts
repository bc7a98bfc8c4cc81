import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { sriSha512 } from '../src/plugins/install/integrity.ts';

/** The installable test plugin (acme.ticks), as its author would keep it. */
export const TICKS_PLUGIN = fileURLToPath(new URL('./fixtures/installable-plugins/acme-ticks', import.meta.url));

/** A copy of the ticks plugin with another version, engine range or permissions. */
export function ticksFolder(
  changes: { id?: string; packageName?: string; version?: string; engine?: string; network?: string[]; secrets?: string[] } = {},
): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'nautilus-plugin-')), 'acme-ticks');
  cpSync(TICKS_PLUGIN, dir, { recursive: true });
  const file = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (changes.version) {
    pkg.version = changes.version;
    pkg.nautilus.version = changes.version;
  }
  if (changes.id) pkg.nautilus.id = changes.id;
  if (changes.packageName) pkg.name = changes.packageName;
  if (changes.engine) pkg.nautilus.engine = changes.engine;
  if (changes.network) pkg.nautilus.permissions.network = changes.network;
  if (changes.secrets) pkg.nautilus.permissions.secrets = changes.secrets;
  writeFileSync(file, JSON.stringify(pkg, null, 2));
  return dir;
}

export interface RawEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  body?: string;
  linkpath?: string;
  /** Declared size, when it should differ from the body's. */
  size?: number;
}

/** A tarball written header by header, so a test can put in it what `tar` itself would refuse to write. */
export function rawTarball(entries: RawEntry[], gzip = true): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = new Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: entry.size ?? body.length,
      mode: 0o644,
      mtime: new Date(0),
      linkpath: entry.linkpath,
      uid: 0,
      gid: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return gzip ? gzipSync(tar) : tar;
}

/**
 * A loopback npm registry: `GET /<name>` answers the packument (scoped names as `@scope%2fname`),
 * `GET /-/<file>.tgz` the tarball. `integrity` overrides what the packument claims.
 */
export async function loopbackRegistry(
  packages: Record<string, { version: string; bytes: Buffer; integrity?: string }[]>,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const tarballs = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const tarball = tarballs.get(path);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(tarball);
      return;
    }
    const name = decodeURIComponent(path.slice(1));
    const versions = packages[name];
    if (!versions) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"Not found"}');
      return;
    }
    const { port } = server.address() as AddressInfo;
    const packument = {
      name,
      'dist-tags': { latest: versions.at(-1)?.version },
      versions: Object.fromEntries(
        versions.map((item) => {
          const file = `/-/${name.replace('/', '-')}-${item.version}.tgz`;
          tarballs.set(file, item.bytes);
          return [
            item.version,
            {
              name,
              version: item.version,
              dist: { tarball: `http://127.0.0.1:${port}${file}`, integrity: item.integrity ?? sriSha512(item.bytes) },
            },
          ];
        }),
      ),
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
