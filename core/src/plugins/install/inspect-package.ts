import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { extractPackage, PACKAGE_LIMITS, type PackageLimits } from './extract-package.ts';
import { checkIntegrity, sriSha512 } from './integrity.ts';
import { fileDigests } from './package-files.ts';
import { SIGNATURE_FILE } from './package-signature.ts';
import { type PackageDeclaration, readPackage } from './read-package.ts';

/** A tarball unpacked once, read and hashed; nothing of it was run. */
export interface InspectedPackage extends PackageDeclaration {
  integrity: string;
  sizeBytes: number;
  /** `{ path: sha512 }` of every file but the signature file. */
  files: Record<string, string>;
  /** nautilus-signature.json as found (parsed JSON, or its text when it is not JSON), or null. */
  signature: unknown;
}

/**
 * Checks a tarball's integrity (against `expected` when given), unpacks it safely into a scratch
 * folder under `scratchRoot`, reads its package.json manifest, hashes its files, and removes the
 * folder again. Throws naming what was wrong; the caller stores the result and the bytes.
 */
export async function inspectPackage(
  bytes: Uint8Array,
  options: { scratchRoot: string; coreVersion: string; expected?: string; where: string; limits?: PackageLimits },
): Promise<InspectedPackage> {
  const integrity = options.expected ? checkIntegrity(bytes, options.expected, 'integrity', options.where) : sriSha512(bytes);
  mkdirSync(options.scratchRoot, { recursive: true, mode: 0o700 });
  const scratch = join(options.scratchRoot, randomUUID());
  try {
    const paths = await extractPackage(bytes, scratch, options.limits ?? PACKAGE_LIMITS);
    const declaration = readPackage(scratch, options.coreVersion, options.where);
    const signed = paths.filter((path) => path !== SIGNATURE_FILE);
    let signature: unknown = null;
    const signatureFile = join(scratch, SIGNATURE_FILE);
    if (existsSync(signatureFile)) {
      const text = readFileSync(signatureFile, 'utf8');
      try {
        signature = JSON.parse(text);
      } catch {
        signature = text;
      }
    }
    return { ...declaration, integrity, sizeBytes: bytes.length, files: fileDigests(scratch, signed), signature };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
