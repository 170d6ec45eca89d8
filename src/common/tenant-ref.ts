import type { Access } from './permissions';

/** The authenticated caller's tenant, attached to the request by the global guard. */
export interface TenantRef {
  id: number;
  /** The API key used; 0 when there is none (a signed-in console user, or the system acting for the tenant). */
  apiKeyId: number;
  /** The console user, when the caller signed in (session cookie). */
  userId?: number;
  /** What the caller may do (role or key scopes); absent for the system acting for the tenant. */
  access?: Access;
  /** Who it is, for the audit trail: the user's email, or the key's `name (hk_prefix)`. */
  label?: string;
}

/** The system acting for a tenant without an API key (a worker, a public form, an inbound hook). */
export function systemActor(tenantId: number): TenantRef {
  return { id: tenantId, apiKeyId: 0 };
}

/** A signed-in console user of the tenant (session cookie): no API key either. */
export function consoleUserActor(tenantId: number, userId: number, access?: Access): TenantRef {
  return { ...systemActor(tenantId), userId, ...(access ? { access } : {}) };
}

/** Whether the caller may see customers' contact fields unmasked (the system and every role but analyst may). */
export function seesContactFields(tenant: TenantRef): boolean {
  return !tenant.access || tenant.access.grants.has('customers:contact');
}
