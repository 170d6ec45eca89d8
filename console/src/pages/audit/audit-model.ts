/**
 * The audit log as `GET /api/audit-log` answers it (the contract of issue 24): entries newest first,
 * keyset-paged by `nextCursor`, and the values its filters take.
 */
export const AUDIT_RESOURCES = [
  'webhook',
  'customer',
  'group',
  'broadcast',
  'delivery',
  'journey',
  'form',
  'inbound_trigger',
  'loyalty_level',
  'coupon',
  'membership',
  'quiet_hours',
  'frequency_cap',
  'api_key',
  'console_user',
  'session',
] as const;
export type AuditResource = (typeof AUDIT_RESOURCES)[number];

export const AUDIT_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'imported',
  'secret_rotated',
  'key_rotated',
  'started',
  'rescheduled',
  'cancelled',
  'retried',
  'activated',
  'paused',
  'archived',
  'circuit_closed',
  'dispatched',
  'redeemed',
  'unsubscribed',
  'resubscribed',
  'members_added',
  'members_removed',
  'revoked',
  'role_changed',
  'signed_in',
  'sign_in_failed',
  'signed_out',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type ActorType = 'user' | 'apiKey' | 'system' | 'anonymous';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { type: ActorType; id: number | null; label: string | null };
  ip: string | null;
  resource: string;
  resourceId: string | null;
  action: string;
  diff: Record<string, { from?: unknown; to?: unknown }> | null;
}

export interface AuditQuery {
  actorType?: ActorType;
  actorId?: number;
  resource?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Where the console shows a resource: its own page, or the settings tab or list it lives in (null: nowhere). */
export function resourcePath(resource: string, id: string | null): string | null {
  const own: Record<string, string> = {
    webhook: '/webhooks',
    customer: '/customers',
    group: '/groups',
    broadcast: '/sends',
    delivery: '/deliveries',
    journey: '/journeys',
    form: '/forms',
    inbound_trigger: '/inbound',
  };
  if (own[resource]) return id ? `${own[resource]}/${id}` : own[resource];
  const list: Record<string, string> = {
    loyalty_level: '/loyalty',
    coupon: '/loyalty',
    membership: '/loyalty',
    quiet_hours: '/settings?tab=quiet',
    frequency_cap: '/settings?tab=caps',
    api_key: '/settings?tab=keys',
    console_user: '/settings?tab=users',
  };
  return list[resource] ?? null;
}

/** A diff value as one short line: strings as they are (a masked secret stays `••••`), the rest as JSON. */
export function diffValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
