import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NautilusError } from '@nautilus/sdk';

/** Encrypts provider secrets at rest with AES-256-GCM (a fresh 96-bit IV each time, authenticated). */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('a secrets key is 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key provider secrets are sealed with: `NAUTILUS_SECRETS_KEY` (32 bytes as 64 hex characters or
 * base64; give every instance sharing one database the same), else `<dataDir>/secrets.key`, created
 * on first use with mode 0600. A database copied without its key reveals no secret.
 */
export function loadSecretsKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) {
    const key = /^[0-9a-f]{64}$/i.test(envKey) ? Buffer.from(envKey, 'hex') : Buffer.from(envKey, 'base64');
    if (key.length !== 32) {
      throw new NautilusError('VALIDATION', 'NAUTILUS_SECRETS_KEY must be 32 bytes: 64 hex characters or 44 base64 ones', {
        fields: [{ path: 'NAUTILUS_SECRETS_KEY', message: 'expected 32 bytes as hex or base64' }],
      });
    }
    return key;
  }
  const file = join(dataDir, 'secrets.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32)
    throw new Error(
      `${file} does not hold a 32-byte hex key; remove it to make a new one (stored provider secrets are then lost)`,
    );
  return key;
}
