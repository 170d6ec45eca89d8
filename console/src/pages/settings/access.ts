import { useCan, type Grant } from '../../lib/permissions';
import { useMe } from '../../lib/session';

export type { Grant };

/** The team screens' view of the caller: the console-wide `useCan`, the caller, and whether they are an owner. */
export function useAccess() {
  const me = useMe();
  return {
    me: me.data,
    can: useCan(),
    /** Only owners add, change or remove owners (the API answers 403 forbidden {permission: 'owner'} to anyone else). */
    isOwner: me.data?.role === 'owner',
  };
}
