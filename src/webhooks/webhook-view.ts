import { circuitView } from './circuit-breaker';
import { maskHeaders, MASK } from '../common/credential-mask';
import type { WebhookView } from './dto/webhook-view.dto';
import type { Webhook } from './webhook.entity';

/** What the API shows of a webhook: secrets and passwords masked, sensitive header values too. Never decrypts. */
export function toWebhookView(w: Webhook): WebhookView {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    method: w.method,
    headers: maskHeaders(w.headers),
    bodyTemplate: w.bodyTemplate ?? null,
    signatureScheme: w.signatureScheme,
    secret: w.secretHint,
    previousSecretExpiresAt: w.previousSecretExpiresAt && w.previousSecretExpiresAt > new Date() ? w.previousSecretExpiresAt : null,
    basicAuth: w.basicAuthUsername ? { username: w.basicAuthUsername, password: MASK } : null,
    triggerType: w.triggerType,
    events: w.events,
    enabled: w.enabled,
    disabledReason: w.disabledReason,
    timeoutMs: w.timeoutMs,
    maxAttempts: w.maxAttempts,
    backoffBaseMs: w.backoffBaseMs,
    concurrency: w.concurrency,
    rateLimitPerMinute: w.rateLimitPerMinute,
    circuitBreakerThreshold: w.circuitBreakerThreshold,
    successRule: w.successRule ?? null,
    retryRejected: w.retryRejected,
    transactional: w.transactional,
    circuit: circuitView(w),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

export type { WebhookView };
