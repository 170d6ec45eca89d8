/**
 * Message signatures, pure. Receivers recompute them over the raw body they got.
 * No Nest or database imports.
 */
import { createHmac } from 'crypto';
import { Webhook } from 'standardwebhooks';

/** `dingtalk` and `feishu` sign each attempt's URL or body, not its headers (robot-sign.ts). */
export const SIGNATURE_SCHEMES = ['dmhub', 'standard', 'dms', 'dingtalk', 'feishu', 'none'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

/** Java's `\s` (DM Hub receivers do `replaceAll("\\s+", "")`); U+00A0, U+3000 and friends stay. */
const JAVA_WHITESPACE = /[ \t\n\v\f\r]+/g;

/** DM Hub: lowercase hex HMAC-SHA256(secret, body without Java whitespace) → `X-Clab-Hmac-Signature`. */
export function dmhubSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body.replace(JAVA_WHITESPACE, '')).digest('hex');
}

/**
 * Standard Webhooks v1 (`webhook-signature`), via the `standardwebhooks` library:
 * `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`. Secrets are `whsec_<base64>`.
 */
export function standardSignature(secret: string, messageId: string, timestamp: Date, body: string): string {
  return new Webhook(secret).sign(messageId, timestamp, body);
}

export function isStandardSecret(secret: string): boolean {
  try {
    new Webhook(secret);
    return /^whsec_[A-Za-z0-9+/]+=*$/.test(secret) && Buffer.from(secret.slice(6), 'base64').length >= 24;
  } catch {
    return false;
  }
}

/**
 * DMS style: `signatureText` = base64 HMAC-SHA1 keyed with the webhook's password (its secret) over
 * the webhook URL followed by the message event, i.e. the compact JSON body without the two
 * signature fields. `signatureMethod` is `HMAC_SHA1`.
 */
export function dmsSignature(secret: string, url: string, messageEvent: string): string {
  return createHmac('sha1', secret)
    .update(url + messageEvent)
    .digest('base64');
}

/** Adds DMS's signature fields to an object body. */
export function withDmsSignature(secret: string, url: string, body: Record<string, unknown>): Record<string, unknown> {
  const event = { ...body };
  delete event.signatureMethod;
  delete event.signatureText;
  return { ...event, signatureMethod: 'HMAC_SHA1', signatureText: dmsSignature(secret, url, JSON.stringify(event)) };
}

export function basicAuthorization(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

export interface SigningKeys {
  /** The secret that signs now. */
  current: string;
  /** During a rotation's grace period, the secret being replaced; it keeps signing too. */
  previous?: string;
}

/**
 * Signature headers for one attempt. During a rotation, `X-Clab-Hmac-Signature` keeps the old
 * secret's signature (receivers not yet switched still verify) and `X-Clab-Hmac-Signature-New`
 * carries the new one; Standard Webhooks lists both in `webhook-signature`, as its spec allows.
 */
export function signatureHeaders(scheme: SignatureScheme, keys: SigningKeys | undefined, messageId: string, body: string, now: Date): Record<string, string> {
  if (!keys || scheme === 'none' || scheme === 'dms' || scheme === 'dingtalk' || scheme === 'feishu') return {};
  if (scheme === 'dmhub') {
    if (!keys.previous) return { 'X-Clab-Hmac-Signature': dmhubSignature(keys.current, body) };
    return {
      'X-Clab-Hmac-Signature': dmhubSignature(keys.previous, body),
      'X-Clab-Hmac-Signature-New': dmhubSignature(keys.current, body),
    };
  }
  const signatures = [keys.current, keys.previous].filter((k): k is string => !!k).map((k) => standardSignature(k, messageId, now, body));
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
