import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Popconfirm, Row, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { QueryState } from '../../components/QueryState';
import { BroadcastStatus } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import type { Broadcast, Delivery } from '../../lib/models';
import { showSaved } from '../../lib/saved';
import { useKeyset } from '../../lib/useKeyset';
import { BroadcastProgress } from './BroadcastProgress';
import { TimelineChart } from './TimelineChart';

const LIVE = ['sending', 'scheduled'];

/** One send: counters, progress, per-minute chart, failed messages; cancel, retry failed, reschedule. */
export default function BroadcastDetail() {
  const id = Number(useParams().id);
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [newTime, setNewTime] = useState<Dayjs | null>(null);
  const broadcast = useQuery({
    queryKey: ['broadcast', id],
    queryFn: ({ signal }) => data(client.GET('/api/broadcasts/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data && LIVE.includes(q.state.data.status) ? 1000 : false),
  });
  const b = broadcast.data;
  const live = !!b && LIVE.includes(b.status);
  // Chart and failed list follow the polled counters: asked again whenever they move (and not otherwise).
  const finished = b ? b.delivered + b.failed + b.cancelled : 0;
  const timeline = useQuery({
    queryKey: ['broadcast', id, 'timeline', finished],
    queryFn: () => data(client.GET('/api/broadcasts/{id}/timeline', { params: { path: { id } } })),
    placeholderData: (previous) => previous,
    enabled: !!b && b.status !== 'scheduled',
  });
  const webhook = useQuery({
    queryKey: ['webhook', b?.webhookId],
    queryFn: () => data(client.GET('/api/webhooks/{id}', { params: { path: { id: b!.webhookId } } })),
    enabled: !!b,
  });
  const group = useQuery({
    queryKey: ['group', b?.groupId],
    queryFn: () => data(client.GET('/api/groups/{id}', { params: { path: { id: b!.groupId } } })),
    enabled: !!b,
    retry: false,
  });
  const failed = useKeyset(['deliveries', 'broadcast', id, b?.failed ?? 0], (after, signal) =>
    data(client.GET('/api/broadcasts/{id}/deliveries', { params: { path: { id }, query: { status: 'failed', limit: 20, after } }, signal })),
  );

  const refresh = (next: Broadcast) => {
    void showSaved(queryClient, ['broadcast', id], next);
    queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
    queryClient.invalidateQueries({ queryKey: ['deliveries', 'broadcast', id] });
  };
  const act = useMutation({
    mutationFn: (action: 'cancel' | 'retry-failed' | 'reschedule') =>
      action === 'reschedule'
        ? data(client.PATCH('/api/broadcasts/{id}', { params: { path: { id } }, body: { scheduledAt: newTime!.toDate().toISOString() } }))
        : action === 'cancel'
          ? data(client.POST('/api/broadcasts/{id}/cancel', { params: { path: { id } } }))
          : data(client.POST('/api/broadcasts/{id}/retry-failed', { params: { path: { id } } })),
    onSuccess: (next) => {
      message.success(t('common.done'));
      setNewTime(null);
      refresh(next);
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <QueryState query={broadcast}>
      {b ? (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {b.name}{' '}
              <span data-testid="broadcast-status">
                <BroadcastStatus status={b.status} />
              </span>
            </Typography.Title>
            <Flex gap={8} wrap>
              {b.failed > 0 && !LIVE.includes(b.status) && b.status !== 'cancelled' ? (
                <Button onClick={() => act.mutate('retry-failed')} loading={act.isPending && act.variables === 'retry-failed'}>
                  {t('sends.retryFailed')}
                </Button>
              ) : null}
              {live ? (
                <Popconfirm title={t('sends.cancelConfirm')} onConfirm={() => act.mutate('cancel')}>
                  <Button danger loading={act.isPending && act.variables === 'cancel'}>
                    {t('sends.cancel')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          </Flex>
          <Card size="small">
            <Row gutter={[16, 16]}>
              {(['total', 'pending', 'delivered', 'failed', 'cancelled'] as const).map((k) => (
                <Col xs={12} sm={8} md={4} key={k}>
                  <Statistic title={t(`sends.counter.${k}`)} value={b[k]} data-testid={`counter-${k}`} />
                </Col>
              ))}
            </Row>
            <BroadcastProgress b={b} />
          </Card>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'webhook', label: 'Webhook', children: <Link to={`/webhooks/${b.webhookId}`}>{webhook.data?.name ?? `#${b.webhookId}`}</Link> },
              { key: 'group', label: t('send.toGroup'), children: group.data ? <Link to={`/groups/${b.groupId}`}>{group.data.name}</Link> : `#${b.groupId}` },
              { key: 'scheduled', label: t('sends.scheduledAt'), children: fmtTime(b.scheduledAt) },
              { key: 'started', label: t('sends.startedAt'), children: fmtTime(b.startedAt) },
              { key: 'completed', label: t('sends.completedAt'), children: fmtTime(b.completedAt ?? b.cancelledAt) },
              { key: 'created', label: t('common.createdAt'), children: fmtTime(b.createdAt) },
            ]}
          />
          {b.status === 'scheduled' ? (
            <Card size="small" title={t('sends.reschedule')}>
              <Flex gap={8} wrap>
                <DatePicker showTime value={newTime} onChange={setNewTime} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
                <Button type="primary" disabled={!newTime} onClick={() => act.mutate('reschedule')} loading={act.isPending && act.variables === 'reschedule'}>
                  {t('common.save')}
                </Button>
              </Flex>
            </Card>
          ) : null}
          <Card size="small" title={t('sends.timeline')}>
            {timeline.data?.items.length ? <TimelineChart points={timeline.data.items} /> : <Empty description={t('sends.noTimeline')} />}
          </Card>
          <Card size="small" title={t('sends.failedDeliveries')}>
            <KeysetTable<Delivery>
              list={failed}
              emptyText={t('sends.noFailed')}
              size="small"
              columns={[
                { title: t('delivery.customer'), dataIndex: 'customerId' },
                {
                  title: t('delivery.lastResult'),
                  key: 'result',
                  render: (_, d) => (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastErrorClass ?? '—')),
                },
                {
                  title: t('delivery.lastError'),
                  dataIndex: 'lastError',
                  render: (e) => (
                    <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                      {e ?? '—'}
                    </Typography.Text>
                  ),
                },
                { title: t('delivery.attempts'), dataIndex: 'attempts' },
                {
                  title: '',
                  key: 'open',
                  render: (_, d) => (
                    <Link to={`/deliveries/${d.id}`} data-testid="open-failed">
                      {t('common.details')}
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        </Flex>
      ) : null}
    </QueryState>
  );
}
