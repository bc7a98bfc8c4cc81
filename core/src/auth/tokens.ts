import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256, hex: how session tokens and API key secrets are stored. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
