import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { CustomerLink, customerText } from '../../../components/Names';
import { QueryState } from '../../../components/QueryState';
import { RunStatus } from '../../../components/StatusTag';
import { useT } from '../../../i18n';
import { client, data } from '../../../lib/api';
import { fmtTime } from '../../../lib/format';
import { ContextTree } from './ContextTree';
import { RunTrigger } from './RunTrigger';
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
  const r = run.data;
  return (
    <QueryState query={run}>
      {r ? (
        <Flex vertical gap={16}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {r.customer
                ? t('run.customerJourney', { customer: customerText(r.customer, t), journey: r.journey.name ?? `#${r.journeyId}` })
                : (r.journey.name ?? '')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('run.title', { id: r.id })}</Typography.Text>
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
                children: <Link to={`/journeys/${r.journeyId}?tab=runs`}>{r.journey.name ?? `#${r.journeyId}`}</Link>,
              },
              {
                key: 'customer',
                label: t('delivery.customer'),
                children: (
                  <span data-testid="customer-name">
                    <CustomerLink customer={r.customer} />
                  </span>
                ),
              },
              { key: 'trigger', label: t('run.trigger'), children: <RunTrigger trigger={r.trigger} /> },
              { key: 'started', label: t('run.startedAt'), children: fmtTime(r.startedAt) },
              { key: 'finished', label: t('run.finishedAt'), children: fmtTime(r.finishedAt) },
              { key: 'node', label: t('run.node'), children: r.nodeLabel ?? r.nodeId ?? '—' },
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
            <ContextTree
              context={r.context as unknown as Record<string, unknown>}
              nodeNames={new Map(r.stepLog.flatMap((s) => (s.nodeLabel ? [[s.nodeId, s.nodeLabel] as [string, string]] : [])))}
            />
          </Card>
        </Flex>
      ) : null}
    </QueryState>
  );
}
