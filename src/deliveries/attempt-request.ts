import { MASK, maskHeaders } from '../common/credential-mask';
import { dingtalkSignedUrl, withFeishuSign } from '../signing/robot-sign';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { attemptHeaders } from './attempt-headers';

type RequestWebhook = Parameters<typeof attemptHeaders>[1] & Pick<WebhookWithSecrets, 'url'>;

/** One attempt's request as it goes out. `body` undefined: a GET, no body. */
export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Exactly what attempt `number` of a message sends at `now` (unmasked): the webhook's URL, the
 * attempt's headers (attemptHeaders), and the body; a robot's signature adds this attempt's
 * `timestamp` and `sign` to the URL's query (DingTalk) or to the body (Feishu). The engine's sends,
 * test sends and the previews all build their request here, so a preview shows what goes.
 */
export function attemptRequest(
  d: { id: string; event: string; requestMethod: string; requestBody: string },
  webhook: RequestWebhook,
  number: number,
  now: Date,
): AttemptRequest {
  const body = d.requestMethod === 'GET' ? undefined : d.requestBody;
  const headers = attemptHeaders(d, webhook, number, body ?? '', now);
  const secret = webhook.secret;
  if (secret && webhook.signatureScheme === 'dingtalk') return { url: dingtalkSignedUrl(webhook.url, secret, now), headers, body };
  if (secret && webhook.signatureScheme === 'feishu' && body !== undefined) return { url: webhook.url, headers, body: withFeishuSign(body, secret, now) };
  return { url: webhook.url, headers, body };
}

/**
 * What is shown and recorded of a request: credential headers masked, and a robot's `sign` too —
 * unlike DM Hub's it does not cover the body, so with the URL it would let a reader of the log post
 * anything to the group for an hour. The timestamp stays, so a reader sees when it was signed.
 */
export function shownRequest(request: AttemptRequest, scheme: RequestWebhook['signatureScheme']): AttemptRequest {
  const headers = maskHeaders(request.headers);
  if (scheme === 'dingtalk') {
    const url = new URL(request.url);
    if (url.searchParams.has('sign')) url.searchParams.set('sign', MASK);
    return { url: url.toString().replace(encodeURIComponent(MASK), MASK), headers, body: request.body };
  }
  if (scheme === 'feishu' && request.body?.includes('"sign":')) {
    const body = parseObject(request.body);
    if (body && 'sign' in body) return { url: request.url, headers, body: JSON.stringify({ ...body, sign: MASK }) };
  }
  return { ...request, headers };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
