/**
 * How a request changes a webhook's configuration: a change merged and checked whole, the delivery settings of a
 * new one, its success rule. Throws the 400 (FieldValidationException) naming each bad field; no database.
 */
import { fieldError, FieldValidationException } from '../common/validation';
import type { Rule } from '../groups/segment-rule';
import type { RenderLimits } from '../templates/render-template';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { WebhookFieldsDto } from './dto/webhook-fields.dto';
import { successRuleProblems } from './success-rule';
import { checkWebhookConfig, splitUserinfo, WebhookConfig } from './webhook-rules';

/** The delivery settings of a new webhook: what the request gives, else the defaults (the console shows the same). */
export const newKnobs = (dto: CreateWebhookDto) => ({
  enabled: dto.enabled ?? true,
  timeoutMs: dto.timeoutMs ?? 10_000,
  maxAttempts: dto.maxAttempts ?? 7,
  backoffBaseMs: dto.backoffBaseMs ?? 5_000,
  concurrency: dto.concurrency ?? 20,
  rateLimitPerMinute: dto.rateLimitPerMinute ?? null,
  circuitBreakerThreshold: dto.circuitBreakerThreshold ?? 20,
  successRule: checkedSuccessRule(dto.successRule) ?? null,
  retryRejected: dto.retryRejected ?? false,
  transactional: dto.transactional ?? false,
});

/** Merges a change into a configuration and checks it whole; throws a 400 naming each bad field. */
export function resolveConfig(current: WebhookConfig, dto: WebhookFieldsDto, limits: RenderLimits): WebhookConfig {
  const next: WebhookConfig = { ...current };
  for (const key of ['name', 'method', 'headers', 'bodyTemplate', 'triggerType', 'events'] as const) {
    if (dto[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = dto[key];
  }
  if (dto.url !== undefined) {
    const split = splitUserinfo(dto.url);
    next.url = split.url;
    if (split.username !== undefined) {
      if (dto.basicAuth) throw fieldError('url', 'has credentials and basicAuth is given too: use one', 'credentials_twice');
      next.basicAuthUsername = split.username;
      next.basicAuthPassword = split.password ?? '';
    }
  }
  if (dto.basicAuth !== undefined) {
    next.basicAuthUsername = dto.basicAuth?.username ?? null;
    next.basicAuthPassword = dto.basicAuth?.password ?? null;
  }
  if (dto.secret !== undefined) {
    next.secret = dto.secret;
    if (dto.secret === null) next.signatureScheme = 'none';
    else if (dto.signatureScheme === undefined && next.signatureScheme === 'none') next.signatureScheme = 'dmhub';
  }
  if (dto.signatureScheme !== undefined) next.signatureScheme = dto.signatureScheme;
  if (dto.triggerType === 'manual' && dto.events === undefined) next.events = [];
  const problems = checkWebhookConfig(next, limits);
  if (problems.length) throw new FieldValidationException(problems);
  return next;
}

/** The success rule as sent, once it validates (null clears it); a 400 naming each bad part otherwise. */
export function checkedSuccessRule(rule: unknown): Rule | null | undefined {
  const problems = successRuleProblems(rule);
  if (problems.length) throw new FieldValidationException(problems);
  return rule as Rule | null | undefined;
}
