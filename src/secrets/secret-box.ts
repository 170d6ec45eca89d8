/**
 * Secrets at rest: AES-256-GCM with a versioned, self-describing format
 *
 *   v1:<keyId>:<iv base64>:<tag base64>:<ciphertext base64>
 *
 * `keyId` (8 hex characters of the key's SHA-256) names the key that sealed a value, so after a
 * rotation the previous keys still open old values and `secrets:rotate` can tell which values to
 * re-seal. A fresh 96-bit IV per value; the tag authenticates (a changed byte fails to open).
 * Pure: Node's crypto and the key's written form (config/secrets-key-text.ts), reusable by any module that keeps secrets.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { SECRETS_KEY_TEXT } from '../config/secrets-key-text';

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;
const SEALED = /^v1:([0-9a-f]{8}):([A-Za-z0-9+/]{16}):([A-Za-z0-9+/]{22}==):([A-Za-z0-9+/]*={0,2})$/;

export class SecretBoxError extends Error {}

/** A key from its text form (hex, base64 or base64url of 32 bytes). Throws naming what is wrong, never the key. */
export function parseSecretsKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!SECRETS_KEY_TEXT.test(trimmed)) throw new SecretBoxError('must be 32 bytes written as 64 hex digits or base64');
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, trimmed.endsWith('=') ? 'base64' : 'base64url');
  if (key.length !== KEY_BYTES) throw new SecretBoxError('must be 32 bytes written as 64 hex digits or base64');
  return key;
}

/** Keys from a comma-separated list (SECRETS_KEY_PREVIOUS). */
export function parseSecretsKeys(list: string | undefined): Buffer[] {
  return (list ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseSecretsKey);
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Whether a stored value is in the sealed format (anything else is a legacy plaintext value). */
export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

const OPENED_CACHE_SIZE = 10_000;

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** `current` seals; it and every `previous` key open. */
  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new SecretBoxError(`a key must be ${KEY_BYTES} bytes`);
      if (!this.keys.has(keyId(key))) this.keys.set(keyId(key), key);
    }
    this.currentKeyId = keyId(current);
  }

  static fromText(current: string, previous?: string): SecretBox {
    return new SecretBox(parseSecretsKey(current), parseSecretsKeys(previous));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  /**
   * Values opened before, by their sealed text (random IV: a changed secret is a new key here). A
   * send opens its webhook's secrets every time; AES-GCM plus base64 per send was ~2% of a test
   * send's CPU. Bounded: cleared when full. Holds nothing the process could not open anyway.
   */
  private readonly opened = new Map<string, string>();

  open(sealed: string): string {
    const hit = this.opened.get(sealed);
    if (hit !== undefined) return hit;
    const plain = this.decrypt(sealed);
    if (this.opened.size >= OPENED_CACHE_SIZE) this.opened.clear();
    this.opened.set(sealed, plain);
    return plain;
  }

  private decrypt(sealed: string): string {
    const parts = SEALED.exec(sealed);
    if (!parts) throw new SecretBoxError('not a sealed value');
    const [, id, iv, tag, data] = parts;
    const key = this.keys.get(id);
    if (!key) throw new SecretBoxError(`sealed with key ${id}, which is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`sealed value under key ${id} does not authenticate (changed or truncated)`);
    }
  }

  /** Whether this box can open the value's key. */
  knows(sealed: string): boolean {
    const parts = SEALED.exec(sealed);
    return !!parts && this.keys.has(parts[1]);
  }

  knowsKeyId(id: string): boolean {
    return this.keys.has(id);
  }

  /** Sealed with the current key (nothing for `secrets:rotate` to do). */
  isCurrent(sealed: string): boolean {
    return SEALED.exec(sealed)?.[1] === this.currentKeyId;
  }

  /** A stored value, sealed or legacy plaintext, in the clear. */
  reveal(stored: string): string {
    return isSealed(stored) ? this.open(stored) : stored;
  }
}
