import { basicAuthorization, signatureHeaders, SigningKeys } from '../signing/sign';
import { HERALD_VERSION } from '../common/version';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';

type HeaderWebhook = Pick<WebhookWithSecrets, 'headers' | 'basicAuthUsername' | 'basicAuthPassword'>;
type SigningWebhook = HeaderWebhook & Pick<WebhookWithSecrets, 'signatureScheme' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>;

/** The headers every attempt carries before the attempt's own (number, signatures); stored (masked) on the delivery. */
export function baseHeaders(d: { id: string; event: string }, webhook: HeaderWebhook): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': `Herald/${HERALD_VERSION}`,
    'X-Herald-Event': d.event,
    'X-Herald-Message-Id': d.id,
    ...webhook.headers,
  };
  if (webhook.basicAuthUsername) headers.Authorization = basicAuthorization(webhook.basicAuthUsername, webhook.basicAuthPassword ?? '');
  return headers;
}

/** The keys that sign at `now`: the current secret, and the previous one while its grace period lasts. */
export function signingKeys(webhook: Pick<SigningWebhook, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now: Date): SigningKeys | undefined {
  if (!webhook.secret) return undefined;
  const inGrace = webhook.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now;
  return { current: webhook.secret, previous: inGrace ? webhook.previousSecret! : undefined };
}

/**
 * Exactly what attempt `number` of a message sends (unmasked): the base headers, the attempt
 * number, and the signatures over `body` at `now`. The engine's sends and the test-send preview
 * both build them here, so a preview shows what the first attempt will carry.
 */
export function attemptHeaders(d: { id: string; event: string }, webhook: SigningWebhook, number: number, body: string, now: Date): Record<string, string> {
  return {
    ...baseHeaders(d, webhook),
    'X-Herald-Attempt': String(number),
    ...signatureHeaders(webhook.signatureScheme, signingKeys(webhook, now), d.id, body, now),
  };
}
