/**
 * Chat robots' signatures ("加签"), pure. Unlike DM Hub's they do not cover the body: each attempt
 * signs its own timestamp, and the receiver refuses a timestamp more than an hour off. No Nest imports.
 */
import { createHmac } from 'crypto';

/**
 * DingTalk custom robot: base64 HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`,
 * the timestamp in milliseconds (the URL carries it URL-encoded, see dingtalkSignedUrl).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The robot's URL with this attempt's `timestamp` and `sign` in its query (any earlier ones replaced). */
export function dingtalkSignedUrl(url: string, secret: string, now: Date): string {
  const signed = new URL(url);
  const timestamp = now.getTime();
  signed.searchParams.set('timestamp', String(timestamp));
  // URLSearchParams form-encodes, as DingTalk's own sample does (URLEncoder): + / = become %2B %2F %3D.
  signed.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return signed.toString();
}

/**
 * Feishu / Lark custom bot: base64 HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an empty
 * message, the timestamp in seconds.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * The body with this attempt's `timestamp` (seconds, a string as in Feishu's samples) and `sign` at
 * its top level, first. A body that is not a JSON object is sent as it is (the API refuses such a
 * template for this scheme).
 */
export function withFeishuSign(body: string, secret: string, now: Date): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const { timestamp: _t, sign: _s, ...rest } = parsed as Record<string, unknown>;
  const timestamp = Math.floor(now.getTime() / 1000);
  return JSON.stringify({ timestamp: String(timestamp), sign: feishuSign(secret, timestamp), ...rest });
}
