/**
 * One-click unsubscribe links: `<PUBLIC_URL>/u/<token>`, the token the base64url of tenant id and
 * customer id (4 bytes each) and a 128-bit HMAC-SHA256 of them. Stateless: checking one needs no
 * database row, and nobody without the server's key can make one for another customer. The MAC key
 * is derived from SECRETS_KEY (never the key itself); SECRETS_KEY_PREVIOUS keeps old links working
 * after a rotation. Pure.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { parseSecretsKey, parseSecretsKeys } from '../secrets/secret-box';

const LABEL = 'herald/unsubscribe-link/v1';
const ID_BYTES = 4;
const MAC_BYTES = 16;
const TOKEN_BYTES = 2 * ID_BYTES + MAC_BYTES;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface UnsubscribeSubject {
  tenantId: number;
  customerId: number;
}

export class UnsubscribeTokens {
  private readonly macKeys: Buffer[];

  /** `keys[0]` signs; every key verifies. */
  constructor(keys: Buffer[]) {
    if (!keys.length) throw new Error('unsubscribe links need SECRETS_KEY');
    this.macKeys = keys.map((k) => createHmac('sha256', k).update(LABEL).digest());
  }

  static fromEnv(env: { SECRETS_KEY?: string; SECRETS_KEY_PREVIOUS?: string }): UnsubscribeTokens {
    return new UnsubscribeTokens([...(env.SECRETS_KEY ? [parseSecretsKey(env.SECRETS_KEY)] : []), ...parseSecretsKeys(env.SECRETS_KEY_PREVIOUS)]);
  }

  sign({ tenantId, customerId }: UnsubscribeSubject): string {
    const ids = Buffer.alloc(2 * ID_BYTES);
    ids.writeUInt32BE(tenantId, 0);
    ids.writeUInt32BE(customerId, ID_BYTES);
    return Buffer.concat([ids, mac(this.macKeys[0], ids)]).toString('base64url');
  }

  /** The tenant and customer a genuine token names, or null for anything else (never throws). */
  verify(token: string): UnsubscribeSubject | null {
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== TOKEN_BYTES) return null;
    const ids = raw.subarray(0, 2 * ID_BYTES);
    const given = raw.subarray(2 * ID_BYTES);
    if (!this.macKeys.some((k) => timingSafeEqual(mac(k, ids), given))) return null;
    const subject = { tenantId: ids.readUInt32BE(0), customerId: ids.readUInt32BE(ID_BYTES) };
    return subject.tenantId && subject.customerId ? subject : null;
  }
}

function mac(key: Buffer, ids: Buffer): Buffer {
  return createHmac('sha256', key).update(ids).digest().subarray(0, MAC_BYTES);
}

/** The page's address: relative (`/u/<token>`) when PUBLIC_URL is not set, as form links are. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/u/${token}`;
}
