/** The audit log as `GET /api/audit-log` answers it (newest first, keyset-paged), and the values its filters take, from the document. */
import { auditActorViewTypeValues, auditEntryViewActionValues, auditEntryViewResourceValues, type paths } from '../../api/schema';
import { fmtTime } from '../../lib/format';
import type { Schemas } from '../../lib/models';

export type AuditEntry = Schemas['AuditEntryView'];
export type AuditResource = AuditEntry['resource'];
export type AuditAction = AuditEntry['action'];
export type ActorType = AuditEntry['actor']['type'];
export type AuditQuery = Omit<NonNullable<paths['/api/audit-log']['get']['parameters']['query']>, 'after' | 'limit'>;

export const AUDIT_RESOURCES: readonly AuditResource[] = auditEntryViewResourceValues;
export const AUDIT_ACTIONS: readonly AuditAction[] = auditEntryViewActionValues;
export const ACTOR_TYPES: readonly ActorType[] = auditActorViewTypeValues;

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

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A diff value as one short line: strings as they are (a masked secret stays `••••`), the rest as JSON. */
export function diffValue(value: unknown): string {
  // A time (an expiry, a schedule) in the browser's zone, as the rest of the console shows times.
  if (typeof value === 'string' && ISO_TIME.test(value)) return fmtTime(value);
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
