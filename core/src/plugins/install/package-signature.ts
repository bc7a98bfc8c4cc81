import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { NautilusError } from '@nautilus/sdk';
import { z } from 'zod';

/** The file at a package's root that signs it. */
export const SIGNATURE_FILE = 'nautilus-signature.json';
const PAYLOAD_TAG = 'nautilus-plugin-signature/1';

const signatureFileSchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'the 16 hex characters `nautilus plugins keygen` printed'),
  algorithm: z.literal('ed25519'),
  files: z.record(z.string().min(1).max(1000), z.string().regex(/^sha512-[A-Za-z0-9+/]{86}==$/, 'a sha512-<base64> digest')),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 ed25519 signature (64 bytes)'),
});

/**
 * `nautilus-signature.json`: the sha512 of every other file of the package, and an ed25519 signature
 * over them. What is signed is {@link signedPayload}: a JSON array, so no path can forge another entry.
 */
export type SignatureFile = z.infer<typeof signatureFileSchema>;

/** A public key an admin trusts, under the name the Plugins page shows. */
export interface TrustedKey {
  keyId: string;
  name: string;
  /** `ed25519:<base64 of the 32-byte key>`. */
  publicKey: string;
}

/** What the host says of a package's signature against the trusted keys. */
export type SignatureStatus =
  | { state: 'signed'; keyId: string; keyName: string }
  | { state: 'unsigned' }
  | { state: 'untrusted'; keyId: string; reason: string }
  | { state: 'invalid'; keyId: string | null; reason: string };

/** The exact bytes signed: tag, key id, and the files sorted by path. */
export function signedPayload(keyId: string, files: Record<string, string>): Buffer {
  const entries = Object.keys(files)
    .sort()
    .map((path) => [path, files[path]]);
  return Buffer.from(JSON.stringify([PAYLOAD_TAG, keyId, entries]), 'utf8');
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

/** The id of a key: the first 16 hex characters of the sha256 of its 32 raw bytes. */
export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(parsePublicKey(publicKey).raw).digest('hex').slice(0, 16);
}

/** Reads `ed25519:<base64>`; VALIDATION naming `publicKey` otherwise. */
export function parsePublicKey(text: string): { raw: Buffer; key: KeyObject } {
  const match = /^ed25519:([A-Za-z0-9+/]{43}=)$/.exec(text.trim());
  const raw = match ? Buffer.from(match[1] as string, 'base64') : undefined;
  if (raw?.length !== 32) {
    throw NautilusError.validation('public key', [
      { path: 'publicKey', message: 'expected ed25519:<base64 of 32 bytes>, as `nautilus plugins keygen` prints it' },
    ]);
  }
  return { raw, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }) };
}

/** A new key pair: the private key as PKCS#8 PEM (keep it secret), the public one as `ed25519:<base64>`. */
export function generateSigningKey(): { privateKeyPem: string; publicKey: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const text = `ed25519:${rawPublicKey(publicKey).toString('base64')}`;
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, publicKey: text, keyId: keyIdOf(text) };
}

/** Signs file digests with a PKCS#8 PEM ed25519 private key; the result is the signature file's content. */
export function signFiles(files: Record<string, string>, privateKeyPem: string): SignatureFile {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('The key is not an ed25519 private key (make one with `nautilus plugins keygen`)');
  const publicKey = `ed25519:${rawPublicKey(createPublicKey(privateKey)).toString('base64')}`;
  const keyId = keyIdOf(publicKey);
  const signature = sign(null, signedPayload(keyId, files), privateKey).toString('base64');
  return { keyId, algorithm: 'ed25519', files, signature };
}

/**
 * Checks a package's signature file (its parsed JSON, or null when it has none) against the digests
 * of the package's other files and the trusted keys. Every file must be listed with its digest and
 * nothing else may be; then the key must be trusted and the signature verify.
 */
export function signatureStatus(
  signatureJson: unknown,
  digests: Record<string, string>,
  trusted: readonly TrustedKey[],
): SignatureStatus {
  if (signatureJson === null || signatureJson === undefined) return { state: 'unsigned' };
  const parsed = signatureFileSchema.safeParse(signatureJson);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      state: 'invalid',
      keyId: null,
      reason: `${SIGNATURE_FILE} is malformed: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    };
  }
  const file = parsed.data;
  const invalid = (reason: string): SignatureStatus => ({ state: 'invalid', keyId: file.keyId, reason });
  for (const path of Object.keys(digests).sort()) {
    if (!Object.hasOwn(file.files, path)) return invalid(`${path} is not covered by the signature`);
    if (file.files[path] !== digests[path]) return invalid(`${path} changed since it was signed`);
  }
  for (const path of Object.keys(file.files).sort()) {
    if (!Object.hasOwn(digests, path)) return invalid(`${path} is signed but missing from the package`);
  }
  const key = trusted.find((candidate) => candidate.keyId === file.keyId);
  if (!key)
    return { state: 'untrusted', keyId: file.keyId, reason: `signed with key ${file.keyId}, which is not a trusted key here` };
  const ok = verify(
    null,
    signedPayload(file.keyId, file.files),
    parsePublicKey(key.publicKey).key,
    Buffer.from(file.signature, 'base64'),
  );
  if (!ok) return invalid(`the signature does not verify with the trusted key ${key.name} (${file.keyId})`);
  return { state: 'signed', keyId: file.keyId, keyName: key.name };
}

/** One line for lists and the CLI: `signed by <name>`, `unsigned`, `signature invalid: …`. */
export function describeSignature(status: SignatureStatus): string {
  switch (status.state) {
    case 'signed':
      return `signed by ${status.keyName}`;
    case 'unsigned':
      return 'unsigned';
    case 'untrusted':
      return `signed by an untrusted key (${status.keyId})`;
    case 'invalid':
      return `signature invalid: ${status.reason}`;
  }
}
