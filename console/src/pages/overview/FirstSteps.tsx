import { Button, Card, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n';

/** A new tenant's home: what to do first, instead of a wall of zeros. */
export function FirstSteps() {
  const { t } = useT();
  const navigate = useNavigate();
  const steps = [
    { title: t('overview.step1'), action: t('overview.step1Action'), to: '/webhooks/new' },
    { title: t('overview.step2'), action: t('overview.step2Action'), to: '/customers' },
    { title: t('overview.step3'), action: t('overview.step3Action'), to: '/sends' },
  ];
  return (
    <Card data-testid="overview-first-steps">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('overview.emptyTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('overview.emptyHint')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        current={-1}
        items={steps.map((s) => ({
          title: s.title,
          description: (
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => navigate(s.to)}>
              {s.action}
            </Button>
          ),
        }))}
      />
    </Card>
  );
}
