import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { CustomerName } from '../../../components/CustomerPicker';
import { JsonBlock } from '../../../components/JsonBlock';
import { QueryState } from '../../../components/QueryState';
import { RunStatus } from '../../../components/StatusTag';
import { useT } from '../../../i18n';
import { client, data } from '../../../lib/api';
import { fmtTime } from '../../../lib/format';
import { StepLog } from './StepLog';

/** 运行详情: one customer's way through a journey — the step log, each webhook's answer, the context; polled while it runs. */
export default function RunPage() {
  const { id } = useParams();
  const { t } = useT();
  const run = useQuery({
    queryKey: ['journey-run', id],
    queryFn: () => data(client.GET('/api/journey-runs/{id}', { params: { path: { id: Number(id) } } })),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'active' || q.state.data.status === 'waiting') ? 1500 : false),
  });
  const journeyId = run.data?.journeyId;
  const journey = useQuery({
    queryKey: ['journey', journeyId],
    queryFn: () => data(client.GET('/api/journeys/{id}', { params: { path: { id: journeyId! } } })),
    enabled: !!journeyId,
  });
  const r = run.data;
  return (
    <QueryState query={run}>
      {r ? (
        <Flex vertical gap={16}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('run.title', { id: r.id })}
            </Typography.Title>
            <span data-testid="run-status">
              <RunStatus status={r.status} />
            </span>
          </Flex>
          {r.error ? <Alert type="error" showIcon title={r.error} /> : null}
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'journey',
                label: t('run.journey'),
                children: <Link to={`/journeys/${r.journeyId}?tab=runs`}>{journey.data?.name ?? `#${r.journeyId}`}</Link>,
              },
              { key: 'customer', label: t('delivery.customer'), children: <CustomerName id={r.customerId} /> },
              { key: 'occurrence', label: t('run.occurrence'), children: <code>{r.occurrence}</code> },
              { key: 'started', label: t('run.startedAt'), children: fmtTime(r.startedAt) },
              { key: 'finished', label: t('run.finishedAt'), children: fmtTime(r.finishedAt) },
              { key: 'node', label: t('run.node'), children: r.nodeId ?? '—' },
              { key: 'due', label: t('run.dueAt'), children: fmtTime(r.dueAt) },
              {
                key: 'waitingFor',
                label: t('run.waitingFor'),
                children: r.waitingDeliveryId ? <Link to={`/deliveries/${r.waitingDeliveryId}`}>{t('run.deliveryDetail')}</Link> : '—',
              },
              { key: 'steps', label: t('run.steps'), children: r.steps },
            ]}
          />
          <Card size="small" title={t('run.stepLog')}>
            <StepLog steps={r.stepLog} />
          </Card>
          <Card size="small" title={t('run.context')}>
            <JsonBlock value={r.context} testId="run-context" />
          </Card>
        </Flex>
      ) : null}
    </QueryState>
  );
}
