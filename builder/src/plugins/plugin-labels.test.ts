import { describe, expect, it } from 'vitest';
import { formatBytes, originLabel, signatureLabel } from './plugin-labels.ts';

describe('plugin labels', () => {
  it('names the signing key, or says why a signature does not count', () => {
    expect(signatureLabel({ state: 'signed', keyName: 'ACME release', keyId: '0123456789abcdef' })).toEqual({
      text: 'signed by ACME release',
      color: 'green',
    });
    expect(signatureLabel({ state: 'unsigned' }).text).toBe('unsigned');
    expect(signatureLabel({ state: 'invalid', keyId: null, reason: 'index.js changed since it was signed' })).toEqual({
      text: 'signature invalid',
      color: 'red',
      detail: 'index.js changed since it was signed',
    });
  });

  it('says where a package came from', () => {
    expect(originLabel({ kind: 'registry', registry: 'https://registry.npmjs.org', name: '@acme/feed' })).toBe(
      '@acme/feed from https://registry.npmjs.org',
    );
    expect(originLabel({ kind: 'upload', fileName: 'acme-1.0.0.tgz' })).toBe('uploaded acme-1.0.0.tgz');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
