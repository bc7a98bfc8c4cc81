import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, keyIdOf, parsePublicKey, signatureStatus, signedPayload, signFiles } from './package-signature.ts';

const digest = (text: string) => `sha512-${createHash('sha512').update(text).digest('base64')}`;
const files = { 'package.json': digest('{"name":"x"}'), 'index.js': digest('export default {}') };

describe('package signatures', () => {
  const key = generateSigningKey();
  const trusted = [{ keyId: key.keyId, name: 'release', publicKey: key.publicKey }];

  it('verifies a signature over every file with a trusted key', () => {
    expect(signatureStatus(signFiles(files, key.privateKeyPem), files, trusted)).toEqual({
      state: 'signed',
      keyId: key.keyId,
      keyName: 'release',
    });
    expect(keyIdOf(key.publicKey)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a file list rewritten to match changed files: the signature no longer verifies', () => {
    const signed = signFiles(files, key.privateKeyPem);
    const changed = { ...files, 'index.js': digest('export default { evil: true }') };
    expect(signatureStatus(signed, changed, trusted)).toMatchObject({
      state: 'invalid',
      reason: 'index.js changed since it was signed',
    });
    expect(signatureStatus({ ...signed, files: changed }, changed, trusted)).toMatchObject({
      state: 'invalid',
      reason: `the signature does not verify with the trusted key release (${key.keyId})`,
    });
  });

  it('names files added to or missing from a signed package', () => {
    const signed = signFiles(files, key.privateKeyPem);
    expect(signatureStatus(signed, { ...files, 'extra.js': digest('x') }, trusted)).toMatchObject({
      reason: 'extra.js is not covered by the signature',
    });
    expect(signatureStatus(signed, { 'package.json': files['package.json'] }, trusted)).toMatchObject({
      reason: 'index.js is signed but missing from the package',
    });
  });

  it('tells an untrusted key and a malformed signature file apart from unsigned', () => {
    const stranger = generateSigningKey();
    expect(signatureStatus(signFiles(files, stranger.privateKeyPem), files, trusted)).toMatchObject({
      state: 'untrusted',
      keyId: stranger.keyId,
    });
    expect(signatureStatus('not json', files, trusted)).toMatchObject({ state: 'invalid', keyId: null });
    expect(signatureStatus({ keyId: key.keyId, algorithm: 'rsa', files, signature: 'x' }, files, trusted)).toMatchObject({
      state: 'invalid',
    });
    expect(signatureStatus(null, files, trusted)).toEqual({ state: 'unsigned' });
  });

  it('signs an unambiguous payload: sorted paths in a JSON array', () => {
    const payload = JSON.parse(signedPayload('0123456789abcdef', { b: 'B', a: 'A' }).toString('utf8'));
    expect(payload).toEqual([
      'nautilus-plugin-signature/1',
      '0123456789abcdef',
      [
        ['a', 'A'],
        ['b', 'B'],
      ],
    ]);
  });

  it('refuses a public key that is not ed25519:<32 bytes>, naming the field', () => {
    expect(() => parsePublicKey('ed25519:abc')).toThrow('publicKey: expected ed25519:<base64 of 32 bytes>');
  });
});
