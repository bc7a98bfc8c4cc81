import { NautilusError } from '@nautilus/sdk';
import semver from 'semver';
import { checkIntegrity, sha512Of } from './integrity.ts';

/** The public npm registry; NAUTILUS_NPM_REGISTRY points elsewhere (a mirror, a private registry). */
export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const TIMEOUT_MS = 30_000;

/** A package fetched from a registry, checked against its `dist.integrity` (and the caller's, if given). */
export interface RegistryPackage {
  name: string;
  version: string;
  bytes: Buffer;
  integrity: string;
  tarballUrl: string;
}

interface Packument {
  'dist-tags'?: Record<string, string>;
  versions?: Record<string, { dist?: { tarball?: string; integrity?: string } }>;
}

/** Reads a body up to `maxBytes`, refusing more with the limit named. */
export async function download(url: string, maxBytes: number, what: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new NautilusError('UNAVAILABLE', `Could not download ${what} from ${url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new NautilusError(
      response.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
      `Downloading ${what} from ${url} answered ${response.status}`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new NautilusError(
        'VALIDATION',
        `${what} from ${url} is over ${maxBytes} bytes (maxPackedBytes); nothing was installed.`,
        {
          fields: [{ path: 'package', message: `over ${maxBytes} bytes` }],
        },
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a package's packument from the registry, picks the version (exact, a range's highest, or
 * `latest` when none is given), downloads its tarball and checks it against `dist.integrity` and
 * `expected`. A version the registry gives no sha512 for needs `expected`.
 */
export async function fetchFromRegistry(
  registry: string,
  name: string,
  version: string | undefined,
  expected: string | undefined,
  maxBytes: number,
): Promise<RegistryPackage> {
  if (name.length > 214 || !NPM_NAME.test(name)) {
    throw NautilusError.validation('package name', [{ path: 'name', message: `'${name}' is not an npm package name` }]);
  }
  const url = `${registry.replace(/\/+$/, '')}/${name.replace('/', '%2f')}`;
  let packument: Packument;
  try {
    packument = JSON.parse((await download(url, 64 * 1024 * 1024, `the packument of ${name}`)).toString('utf8')) as Packument;
  } catch (error) {
    if (error instanceof NautilusError) {
      if (error.code === 'NOT_FOUND')
        throw new NautilusError('NOT_FOUND', `The registry ${registry} has no package ${name}`, {
          fields: [{ path: 'name', message: 'not found' }],
        });
      throw error;
    }
    throw new NautilusError('UNAVAILABLE', `The registry ${registry} answered something that is not a packument for ${name}`);
  }
  const versions = Object.keys(packument.versions ?? {});
  const wanted = version ?? packument['dist-tags']?.latest;
  const picked =
    wanted !== undefined && versions.includes(wanted)
      ? wanted
      : wanted !== undefined && semver.validRange(wanted)
        ? semver.maxSatisfying(versions, wanted)
        : null;
  if (!picked) {
    const offered = versions.slice(-10).join(', ') || 'none';
    throw new NautilusError(
      'NOT_FOUND',
      `${name} has no version ${wanted ?? '(latest)'} on ${registry}; recent versions: ${offered}`,
      {
        fields: [{ path: 'version', message: 'not found' }],
      },
    );
  }
  const dist = packument.versions?.[picked]?.dist ?? {};
  if (typeof dist.tarball !== 'string' || !/^https?:\/\//.test(dist.tarball)) {
    throw new NautilusError('UNAVAILABLE', `The registry gives no tarball URL for ${name}@${picked}`);
  }
  const published = typeof dist.integrity === 'string' ? sha512Of(dist.integrity) : undefined;
  if (!published && !expected) {
    throw NautilusError.validation('package', [
      { path: 'integrity', message: `the registry gives no sha512 integrity for ${name}@${picked}; give the expected one` },
    ]);
  }
  const bytes = await download(dist.tarball, maxBytes, `${name}@${picked}`);
  let integrity = '';
  if (published) integrity = checkIntegrity(bytes, published, 'dist.integrity', dist.tarball);
  if (expected) integrity = checkIntegrity(bytes, expected, 'integrity', dist.tarball);
  return { name, version: picked, bytes, integrity, tarballUrl: dist.tarball };
}
