/** The audit trail's vocabulary (GET /api/audit-log): who acted, on what, and how. */
export const AUDIT_ACTOR_TYPES = ['user', 'apiKey', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

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

export interface AuditActor {
  type: AuditActorType;
  id: number | null;
  label: string | null;
}

/** What a domain service tells AuditService.record about its change. */
export interface AuditChange {
  /** The tenant the change belongs to. */
  tenantId: number;
  resource: AuditResource;
  resourceId?: string | number | null;
  action: AuditAction;
  /** The fields before and after (only the changed ones are kept; secrets masked). */
  before?: object | null;
  after?: object | null;
  /** Who acted, when not the request's caller (a sign-in: the user, or the email typed). */
  actor?: AuditActor;
  /** The address, when not the request's. */
  ip?: string | null;
}
