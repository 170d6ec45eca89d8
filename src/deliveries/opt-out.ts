/**
 * Opt-outs at message creation: a marketing message (a mass send's, a journey's) on a webhook that
 * is not transactional is not made for a customer who unsubscribed — it is stored `skipped`. The
 * flag comes with the customer the source already loaded (`customer.unsubscribedAt`): no query.
 * Pure, apart from the link signer made once per process.
 */
import { Env } from '../config/env';
import { UnsubscribeTokens, unsubscribeUrl } from '../signing/unsubscribe-token';
import type { DeliverySource, SkipReason } from './delivery.entity';
import { isMarketingMessage } from './marketing-message';

export function optOutSkip(item: { source: DeliverySource; webhook: { transactional?: boolean }; customer?: Record<string, unknown> }): SkipReason | null {
  return item.customer?.unsubscribedAt && isMarketingMessage(item.source, item.webhook) ? 'unsubscribed' : null;
}

/** `{{ unsubscribe_url }}` for a message's customer; the signer is made on first use (SECRETS_KEY is checked at boot). */
export class UnsubscribeLinks {
  private tokens?: UnsubscribeTokens;

  constructor(private readonly env: Pick<Env, 'PUBLIC_URL' | 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>) {}

  forCustomer(tenantId: number, customerId: number): string {
    this.tokens ??= UnsubscribeTokens.fromEnv(this.env);
    return unsubscribeUrl(this.env.PUBLIC_URL, this.tokens.sign({ tenantId, customerId }));
  }
}
