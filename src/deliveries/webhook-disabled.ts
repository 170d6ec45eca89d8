import { conflict } from '../common/api-error';

/** 409 `webhook_disabled`: nothing is sent through a disabled webhook (a test send, a mass send). */
export function webhookDisabled(webhook: { id: number; disabledReason: string | null }) {
  return conflict('webhook_disabled', `Webhook ${webhook.id} is disabled${webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}`, {
    id: webhook.id,
    reason: webhook.disabledReason,
  });
}
