import type { Me } from '../../lib/models';
import { useMe } from '../../lib/session';

export type Grant = Me['permissions'][number];

/**
 * What the signed-in caller may do, read from `GET /api/auth/me` (its `permissions`): the team screens
 * offer only that. (The console-wide `useCan` of lib/permissions.ts replaces this at merge.)
 */
export function useAccess() {
  const me = useMe();
  const grants = new Set<Grant>(me.data?.permissions ?? []);
  return {
    me: me.data,
    can: (grant: Grant) => grants.has(grant),
    /** Only owners add, change or remove owners (the API answers 403 forbidden {permission: 'owner'} to anyone else). */
    isOwner: me.data?.role === 'owner',
  };
}
