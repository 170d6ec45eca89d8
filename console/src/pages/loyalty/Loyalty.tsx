import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n';
import { Coupons } from './Coupons';
import { Events } from './Events';
import { Levels } from './Levels';
import { Memberships } from './Memberships';

/** 会员: levels, memberships, coupons and the fixed-event log. */
export default function Loyalty() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  return (
    <>
      <Typography.Title level={4}>{t('loyalty.title')}</Typography.Title>
      <Tabs
        activeKey={params.get('tab') ?? 'memberships'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'memberships', label: t('loyalty.memberships'), children: <Memberships /> },
          { key: 'levels', label: t('loyalty.levels'), children: <Levels /> },
          { key: 'coupons', label: t('loyalty.coupons'), children: <Coupons /> },
          { key: 'events', label: t('loyalty.events'), children: <Events /> },
        ]}
      />
    </>
  );
}
