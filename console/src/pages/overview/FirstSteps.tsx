import { Avatar, Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';
import { useCan } from '../../lib/permissions';

/** A new tenant's home: what to do first, instead of a wall of zeros. */
export function FirstSteps() {
  const { t } = useT();
  const navigate = useNavigate();
  const can = useCan();
  // Only the steps the caller's role can take (an analyst cannot create the first webhook).
  const steps = [
    { title: t('overview.step1'), action: t('overview.step1Action'), to: '/webhooks/new', perm: 'webhooks:write' as const },
    { title: t('overview.step2'), action: t('overview.step2Action'), to: '/customers', perm: 'customers:write' as const },
    { title: t('overview.step3'), action: t('overview.step3Action'), to: '/sends', perm: 'sends:write' as const },
  ].filter((s) => can(s.perm));
  return (
    <Card data-testid="overview-first-steps">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('overview.emptyTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('overview.emptyHint')}</Typography.Paragraph>
      <Flex vertical gap={12} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {steps.map((s, i) => (
          <Flex key={s.to} component="li" align="center" gap={12} wrap>
            <Avatar size="small" style={{ background: '#1f6feb' }} aria-hidden>
              {i + 1}
            </Avatar>
            <Typography.Text style={{ flex: '1 1 200px' }}>{s.title}</Typography.Text>
            <Button onClick={() => navigate(s.to)}>{s.action}</Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
