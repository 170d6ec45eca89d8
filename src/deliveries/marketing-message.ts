import type { DeliverySource } from './delivery.entity';

/**
 * A marketing message: from a mass send or a journey, through a webhook not marked transactional.
 * Only these are held by quiet hours (and capped, and suppressed for opt-outs); test sends, fixed
 * events, forms and inbound answers go at once.
 */
export const MARKETING_SOURCES: ReadonlySet<DeliverySource> = new Set(['broadcast', 'journey']);

export function isMarketingMessage(source: DeliverySource, webhook: { transactional?: boolean }): boolean {
  return MARKETING_SOURCES.has(source) && !webhook.transactional;
}
