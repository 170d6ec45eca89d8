import { hash, randomBytes } from 'crypto';

const KEY_PREFIX = 'hk_';

/** A new random key (256 bits); shown to the user once, stored only as its hash. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are high-entropy random strings, so a fast unsalted hash is enough (no password stretching). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 10);
}
