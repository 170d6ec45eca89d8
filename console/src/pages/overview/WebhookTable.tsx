import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n';
import { num, pct, rateColor, type OverviewData } from './types';

type Row = OverviewData['webhooks'][number];

/** Each webhook's messages, success rate and p95 in the period, busiest first. */
export function WebhookTable({ o }: { o: OverviewData }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('overview.webhooks')}>
      <Table<Row>
        size="small"
        rowKey="webhookId"
        pagination={o.webhooks.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={o.webhooks}
        scroll={{ x: 'max-content' }}
        data-testid="overview-webhooks"
        columns={[
          {
            title: t('overview.webhook'),
            dataIndex: 'name',
            render: (name: string | null, w) =>
              name ? <Link to={`/webhooks/${w.webhookId}`}>{name}</Link> : <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('overview.deletedWebhook')}</span>,
          },
          { title: t('overview.messages'), dataIndex: 'created', align: 'right', render: num },
          {
            title: t('overview.successRate'),
            dataIndex: 'successRate',
            align: 'right',
            render: (rate: number | null) => <span style={{ color: rateColor(rate), fontWeight: 500 }}>{pct(rate)}</span>,
          },
          {
            title: t('overview.p95'),
            dataIndex: 'p95Ms',
            align: 'right',
            render: (ms: number | null) => (ms === null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`),
          },
        ]}
      />
    </Card>
  );
}
