import type { DeliverySource } from '../deliveries/delivery-events';
import { isMarketingMessage, MARKETING_SOURCES } from '../deliveries/marketing-message';
import type { CapCount, Reservation } from './cap-reservations.service';
import type { TenantCaps } from './frequency-caps.service';

export interface CandidateMessage {
  id: string;
  tenantId: number;
  webhookId: number;
  customerId: number | null;
  source: DeliverySource;
  sourceId: number | null;
  dedupeKey: number | null;
}

/** Could be marketing (a mass send's or a journey's message to a customer); the webhook decides the rest. */
export function mayBeMarketing(m: Pick<CandidateMessage, 'source' | 'customerId'>): boolean {
  return MARKETING_SOURCES.has(m.source) && m.customerId !== null;
}

export function isMarketing(m: Pick<CandidateMessage, 'source' | 'customerId'>, webhook: { transactional: boolean } | null): boolean {
  return m.customerId !== null && !!webhook && isMarketingMessage(m.source, webhook);
}

/**
 * A message's identity in the counts: one per (source, sourceId, dedupeKey) when the source dedupes
 * (a mass send's recipient), so a resumed page reserves the same entries; otherwise its own id.
 */
export function messageIdentity(m: CandidateMessage): string {
  return m.dedupeKey !== null && m.sourceId !== null ? `${m.source}:${m.sourceId}:${m.dedupeKey}` : `${m.source}:${m.id}`;
}

/** The counts a marketing message falls under: the tenant's cap and its webhook's own (none: not capped). */
export function countsOf(m: CandidateMessage, caps: TenantCaps, key: (webhookId?: number) => string): CapCount[] {
  const counts: CapCount[] = [];
  if (caps.tenant) counts.push({ key: key(), ...caps.tenant });
  const own = caps.webhooks.get(m.webhookId);
  if (own) counts.push({ key: key(m.webhookId), ...own });
  return counts;
}

export function reservationOf(m: CandidateMessage, caps: TenantCaps, key: (customerId: number, webhookId?: number) => string): Reservation {
  return { member: messageIdentity(m), counts: countsOf(m, caps, (webhookId) => key(m.customerId!, webhookId)) };
}
