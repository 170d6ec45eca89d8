/**
 * Who may do what: the permissions an operation can require, the four console roles and the API key
 * scopes, as data. The global guard compares an operation's permission (`@Requires`) with the
 * caller's; services read the same grants for what is not a route (owners, contact fields). Pure.
 */

/** Resources an operation reads or changes; `x:write` (and `webhooks:test`) include `x:read`. */
export const RESOURCES = [
  'customers',
  'groups',
  'webhooks',
  'deliveries',
  'sends',
  'events',
  'loyalty',
  'journeys',
  'forms',
  'inbound',
  'settings',
  'overview',
  'users',
  'keys',
  'audit',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Every permission an operation can require, in the order documents list them. */
export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'groups:read',
  'groups:write',
  'webhooks:read',
  'webhooks:test',
  'webhooks:write',
  'deliveries:read',
  'deliveries:write',
  'sends:read',
  'sends:write',
  'events:read',
  'events:write',
  'loyalty:read',
  'loyalty:write',
  'journeys:read',
  'journeys:write',
  'forms:read',
  'forms:write',
  'inbound:read',
  'inbound:write',
  'settings:read',
  'settings:write',
  'overview:read',
  'users:read',
  'users:write',
  'keys:read',
  'keys:write',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Not an operation's permission but a grant: customers' contact fields (email, mobile, open ids)
 * unmasked. Every role but analyst has it; a key has it with any customers, groups or sends scope.
 */
export const CONTACT_FIELDS = 'customers:contact';
export type Grant = Permission | typeof CONTACT_FIELDS;

export const ROLES = ['owner', 'admin', 'marketer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** A key scope: one permission, or `admin` (every permission: what every key could do before scopes). */
export const SCOPES = [...PERMISSIONS, 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const ALL: readonly Permission[] = PERMISSIONS;
const readsOf = (resources: readonly Resource[]): Permission[] => resources.map((r) => `${r}:read` as Permission);

/** What the marketing roles read: everything but the team's own users, keys and audit trail. */
const MARKETING_READS = readsOf(RESOURCES.filter((r) => !['users', 'keys', 'audit'].includes(r)));

const MARKETER: readonly Permission[] = [
  ...MARKETING_READS,
  'customers:write',
  'groups:write',
  'webhooks:test',
  'deliveries:write',
  'sends:write',
  'events:write',
  'loyalty:write',
  'journeys:write',
  'forms:write',
  'settings:write',
];

const ANALYST: readonly Permission[] = MARKETING_READS;

/** What each role may do. Owner and admin differ only in who may manage owners (see `canManageOwners`). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL,
  admin: ALL,
  marketer: MARKETER,
  analyst: ANALYST,
};

/** What a caller may do, resolved once per request by the guard. */
export interface Access {
  /** The console user's role; null for an API key. */
  role: Role | null;
  /** The API key's scopes; null for a console user. */
  scopes: readonly Scope[] | null;
  grants: ReadonlySet<Grant>;
  /** Only owners create, change or remove owners (and make someone one). */
  canManageOwners: boolean;
}

function withImplied(permissions: Iterable<Permission>): Set<Grant> {
  const out = new Set<Grant>();
  for (const p of permissions) {
    out.add(p);
    const [resource, action] = p.split(':');
    if (action !== 'read') out.add(`${resource}:read` as Permission);
  }
  return out;
}

export function roleAccess(role: Role): Access {
  const grants = withImplied(ROLE_PERMISSIONS[role]);
  if (role !== 'analyst') grants.add(CONTACT_FIELDS);
  return { role, scopes: null, grants, canManageOwners: role === 'owner' };
}

export function scopeAccess(scopes: readonly Scope[]): Access {
  const grants = withImplied(scopes.includes('admin') ? ALL : (scopes as Permission[]));
  // A key that may read customers is an integration that needs them whole: no masking for keys.
  if (['customers:read', 'groups:read', 'sends:read'].some((p) => grants.has(p as Permission))) grants.add(CONTACT_FIELDS);
  return { role: null, scopes, grants, canManageOwners: false };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** The grants in document order (what `GET /api/auth/me` answers). */
export function listGrants(access: Access): Grant[] {
  return ([...PERMISSIONS, CONTACT_FIELDS] as Grant[]).filter((p) => access.grants.has(p));
}
