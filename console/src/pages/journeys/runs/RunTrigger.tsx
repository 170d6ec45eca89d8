import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../../i18n';
import type { Schemas } from '../../../lib/models';

type Trigger = Schemas['RunTriggerView'];

const PAGES: Partial<Record<Trigger['type'], string>> = { group_entry: '/groups', form_submitted: '/forms', inbound: '/inbound' };

/** "群组进入 · 高活跃会员": the trigger's type and, by name, what it names (linked to its page). */
export function RunTrigger({ trigger }: { trigger: Trigger | null }) {
  const { t } = useT();
  if (!trigger) return <>—</>;
  const page = PAGES[trigger.type];
  const name = trigger.name ?? (trigger.id ? t('names.deleted', { id: trigger.id }) : null);
  return (
    <span data-testid="run-trigger">
      <Tag color="geekblue">{t(`journey.trigger.${trigger.type}` as MessageKey)}</Tag>
      {name === null ? null : page && trigger.id ? <Link to={`${page}/${trigger.id}`}>{name}</Link> : <Typography.Text code>{name}</Typography.Text>}
    </span>
  );
}
