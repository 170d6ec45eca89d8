import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { FrequencyCapSettings } from './FrequencyCapSettings';
import { useT } from '../../i18n';
import { useAccess } from './access';
import { ApiKeys } from './ApiKeys';
import { ConsoleUsers } from './ConsoleUsers';
import QuietHoursTab from './QuietHoursTab';

export default function Settings() {
  const { t } = useT();
  const [params] = useSearchParams();
  const { can } = useAccess();
  // Each tab only for who may read it (a marketer sees neither keys nor users).
  const items = [
    can('keys:read') && { key: 'keys', label: t('settings.apiKeys'), children: <ApiKeys /> },
    can('users:read') && { key: 'users', label: t('settings.users'), children: <ConsoleUsers /> },
    { key: 'quiet', label: t('quiet.tab'), children: <QuietHoursTab /> },
    { key: 'caps', label: t('caps.tab'), children: <FrequencyCapSettings /> },
  ].filter((i) => !!i);
  const wanted = params.get('tab');
  return (
    <>
      <Typography.Title level={4}>{t('settings.title')}</Typography.Title>
      <Tabs defaultActiveKey={items.some((i) => i.key === wanted) ? (wanted ?? undefined) : undefined} items={items} />
    </>
  );
}
