import { createHmac } from 'crypto';

/** What a DM Hub receiver in Java does, over the raw body it got: replaceAll("\\s+", "") then HMAC-SHA256 hex. */
export function javaDmhubSignature(secret: string, raw: Buffer): string {
  return createHmac('sha256', secret)
    .update(raw.toString('utf8').replace(/[ \t\n\v\f\r]+/g, ''))
    .digest('hex');
}
