import { Tooltip } from 'antd';
import { cloneElement, isValidElement, useCallback, type ReactElement, type ReactNode } from 'react';
import type { components } from '../api/schema';
import { useT, type MessageKey } from '../i18n';
import { useMe } from './session';

/** A grant the signed-in caller may hold: an operation's permission (its `x-permission`) or `customers:contact`. */
export type Grant = components['schemas']['MeView']['permissions'][number];
export type Role = NonNullable<components['schemas']['MeView']['role']>;

const ROLE_KEYS: Record<Role, MessageKey> = {
  owner: 'role.owner',
  admin: 'role.admin',
  marketer: 'role.marketer',
  analyst: 'role.analyst',
};

/**
 * What the signed-in caller may do, from `GET /api/auth/me`: the one place every screen asks. Until
 * the answer is in, nothing is offered (RequireAuth shows nothing before it anyway).
 */
export function useCan(): (grant: Grant) => boolean {
  const me = useMe();
  const granted = me.data?.permissions;
  return useCallback((grant: Grant) => granted?.includes(grant) ?? false, [granted]);
}

/** The signed-in user's role in the console's words ("营销人员"), or null (an API key, not signed in yet). */
export function useRoleName(): string | null {
  const { t } = useT();
  const role = useMe().data?.role;
  return role ? t(ROLE_KEYS[role]) : null;
}

/** Why an action is not offered: 「你的角色（分析员）不能修改」. */
export function useDeniedText(): string {
  const { t } = useT();
  const role = useRoleName();
  return role ? t('roles.denied', { role }) : t('roles.deniedNoRole');
}

interface CanProps {
  perm: Grant;
  children: ReactNode;
  /**
   * Where hiding would confuse (a lone button the page is about): show the child disabled, with a
   * tooltip naming why. The child must take `disabled`.
   */
  disable?: boolean;
  /** Shown instead of the children when the caller may not (and `disable` is not set). */
  fallback?: ReactNode;
}

/** Its children only when the caller holds `perm`. */
export function Can({ perm, children, disable, fallback = null }: CanProps) {
  const can = useCan();
  const denied = useDeniedText();
  if (can(perm)) return <>{children}</>;
  if (disable && isValidElement(children)) {
    return (
      <Tooltip title={denied}>
        {/* A disabled button swallows the pointer: the span carries the hover for the tooltip. */}
        <span style={{ display: 'inline-block' }} data-testid="denied">
          {cloneElement(children as ReactElement<{ disabled?: boolean }>, { disabled: true })}
        </span>
      </Tooltip>
    );
  }
  return <>{fallback}</>;
}
