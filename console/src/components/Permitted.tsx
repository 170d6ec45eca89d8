import { Alert, ConfigProvider, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useCan, useRoleName, type Grant } from '../lib/permissions';
import { looksMasked } from '../lib/masking';

/**
 * Every antd control inside is disabled when the caller lacks `perm` (a form shown read-only), and
 * enabled again when they hold it — also inside a form disabled for another permission (a marketer
 * sets a webhook's quiet hours, `settings:write`, in a webhook editor they may only read).
 */
export function WriteScope({ perm, children }: { perm: Grant; children: ReactNode }) {
  const can = useCan();
  return <ConfigProvider componentDisabled={!can(perm)}>{children}</ConfigProvider>;
}

/** 「只读：你的角色（分析员）可以查看，不能修改」 above a page the caller may read but not change. */
export function ReadOnlyNotice({ perm }: { perm: Grant }) {
  const { t } = useT();
  const can = useCan();
  const role = useRoleName();
  if (can(perm)) return null;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }} title={role ? t('roles.readOnly', { role }) : t('roles.deniedNoRole')} data-testid="read-only" />
  );
}

/**
 * A customer's contact field (mobile, email) as the server sent it: masked for a role without
 * `customers:contact`, with a small 「已隐藏」 beside a masked value saying why.
 */
export function ContactValue({ value, empty = '' }: { value: string | null | undefined; empty?: string }) {
  const { t } = useT();
  const can = useCan();
  if (!value) return <>{empty}</>;
  if (can('customers:contact') || !looksMasked(value)) return <>{value}</>;
  return (
    <span>
      {value}{' '}
      <Tooltip title={t('roles.maskedHint')}>
        <Tag bordered={false} style={{ fontSize: 11, marginInlineEnd: 0 }} data-testid="masked">
          {t('roles.masked')}
        </Tag>
      </Tooltip>
    </span>
  );
}
