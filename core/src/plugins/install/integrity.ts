import { createHash } from 'node:crypto';
import { NautilusError } from '@nautilus/sdk';

/**
 * The sha512 Subresource Integrity string of some bytes, as npm writes `dist.integrity`.
 * @example sriSha512(bytes) // 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=='
 */
export function sriSha512(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

const SRI_SHA512 = /^sha512-[A-Za-z0-9+/]{86}==$/;

/** True for a well-formed `sha512-<base64>` (a 64-byte digest). */
export function isSriSha512(value: string): boolean {
  return SRI_SHA512.test(value);
}

/**
 * The sha512 entry of an SRI string that may list several hashes (`sha1-… sha512-…`), or undefined
 * when it has none: older registries' sha1 alone is not accepted as proof of anything.
 */
export function sha512Of(sri: string): string | undefined {
  return sri
    .split(/\s+/)
    .map((part) => part.split('?')[0] ?? '')
    .find((part) => isSriSha512(part));
}

/** Throws VALIDATION naming `field` when the bytes' sha512 is not the expected one. */
export function checkIntegrity(bytes: Uint8Array, expected: string, field: string, from: string): string {
  const actual = sriSha512(bytes);
  const wanted = sha512Of(expected);
  if (!wanted) {
    throw NautilusError.validation('package', [
      { path: field, message: `'${expected.slice(0, 100)}' is not a sha512 integrity (sha512-<base64>)` },
    ]);
  }
  if (actual !== wanted) {
    throw new NautilusError(
      'VALIDATION',
      `The package from ${from} does not match its expected integrity: expected ${wanted}, got ${actual}. It was changed or corrupted on the way; nothing was installed.`,
      { fields: [{ path: field, message: `expected ${wanted}, got ${actual}` }], details: { expected: wanted, actual } },
    );
  }
  return actual;
}
