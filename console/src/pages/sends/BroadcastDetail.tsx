import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Popconfirm, Row, Segmented, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { QueryState } from '../../components/QueryState';
import { attemptsText, Countdown, CustomerLink } from '../../components/Names';
import { BroadcastStatus, DeliveryStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { DELIVERY_STATUSES, type Broadcast, type Delivery } from '../../lib/models';
import { showSaved } from '../../lib/saved';
import { useKeyset } from '../../lib/useKeyset';
import { BroadcastProgress } from './BroadcastProgress';
import { TimelineChart } from './TimelineChart';
import { attemptResult } from '../../lib/attempt-result';
import { useCan } from '../../lib/permissions';

const LIVE = ['sending', 'scheduled'];

type StatusFilter = (typeof DELIVERY_STATUSES)[number] | 'all';

/** One send: counters, progress, per-minute chart, all its messages by status; rename, cancel, retry failed, reschedule. A scheduled one: who it goes to and when. */
export default function BroadcastDetail() {
  const id = Number(useParams().id);
  const { t } = useT();
  const maySend = useCan()('sends:write');
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
  const [status, setStatus] = useState<StatusFilter>('all');
  const messages = useKeyset(['deliveries', 'broadcast', id, status, finished], (after, signal) =>
    data(
      client.GET('/api/broadcasts/{id}/deliveries', {
        params: { path: { id }, query: { status: status === 'all' ? undefined : status, limit: 20, after } },
        signal,
      }),
    ),
  );

  const refresh = (next: Broadcast) => {
    void showSaved(queryClient, ['broadcast', id], next);
    queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
    queryClient.invalidateQueries({ queryKey: ['deliveries', 'broadcast', id] });
  };
  const act = useMutation({
    mutationFn: (action: 'cancel' | 'retry-failed' | 'reschedule' | { name: string }) =>
      typeof action === 'object'
        ? data(client.PATCH('/api/broadcasts/{id}', { params: { path: { id } }, body: action }))
        : action === 'reschedule'
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
            <Flex vertical gap={4}>
              <Flex align="center" gap={8} wrap>
                <Typography.Title
                  level={4}
                  style={{ margin: 0 }}
                  data-testid="broadcast-name"
                  editable={
                    maySend && {
                      text: b.name,
                      tooltip: t('sends.rename'),
                      triggerType: ['icon'],
                      onChange: (name) => name.trim() && name.trim() !== b.name && act.mutate({ name: name.trim() }),
                    }
                  }
                >
                  {b.name}
                </Typography.Title>
                <span data-testid="broadcast-status">
                  <BroadcastStatus status={b.status} />
                </span>
              </Flex>
              <span>
                <Link to={`/webhooks/${b.webhookId}`}>{b.webhook.name ?? `#${b.webhookId}`}</Link>
                {' → '}
                <Link to={`/groups/${b.groupId}`}>{b.group.name ?? `#${b.groupId}`}</Link>
              </span>
            </Flex>
            <Flex gap={8} wrap>
              {maySend && b.failed > 0 && !LIVE.includes(b.status) && b.status !== 'cancelled' ? (
                <Button onClick={() => act.mutate('retry-failed')} loading={act.isPending && act.variables === 'retry-failed'}>
                  {t('sends.retryFailed')}
                </Button>
              ) : null}
              {live && maySend ? (
                <Popconfirm title={t('sends.cancelConfirm')} onConfirm={() => act.mutate('cancel')}>
                  <Button danger loading={act.isPending && act.variables === 'cancel'}>
                    {t('sends.cancel')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          </Flex>
          {b.status === 'scheduled' ? (
            <Card size="small" data-testid="scheduled-card">
              <Row gutter={[16, 16]}>
                <Col xs={24} sm={12}>
                  <Statistic
                    title={t('sends.audienceTitle')}
                    value={b.audience ?? '—'}
                    suffix={b.audience === null ? undefined : t('sends.people')}
                    data-testid="send-audience"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('sends.audienceHint')}
                  </Typography.Text>
                </Col>
                <Col xs={24} sm={12}>
                  <Statistic title={t('sends.countdown')} valueRender={() => <Countdown at={b.scheduledAt} bare />} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(b.scheduledAt)}
                  </Typography.Text>
                </Col>
              </Row>
            </Card>
          ) : (
            <Card size="small">
              <Row gutter={[16, 16]}>
                {(['total', 'pending', 'delivered', 'failed', 'cancelled', 'skipped'] as const).map((k) => (
                  <Col xs={12} sm={8} md={4} key={k}>
                    <Statistic title={t(`sends.counter.${k}`)} value={b[k]} data-testid={`counter-${k}`} />
                  </Col>
                ))}
                {b.deferred > 0 ? (
                  <Col xs={12} sm={8} md={4}>
                    <Statistic title={t('quiet.waiting')} value={b.deferred} styles={{ content: { color: '#874d00' } }} data-testid="counter-deferred" />
                  </Col>
                ) : null}
              </Row>
              <BroadcastProgress b={b} />
            </Card>
          )}
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'scheduled', label: t('sends.scheduledAt'), children: fmtTime(b.scheduledAt) },
              { key: 'started', label: t('sends.startedAt'), children: fmtTime(b.startedAt) },
              { key: 'completed', label: t('sends.completedAt'), children: fmtTime(b.completedAt ?? b.cancelledAt) },
              { key: 'created', label: t('common.createdAt'), children: fmtTime(b.createdAt) },
            ]}
          />
          {b.status === 'scheduled' && maySend ? (
            <Card size="small" title={t('sends.reschedule')}>
              <Flex gap={8} wrap>
                <DatePicker showTime value={newTime} onChange={setNewTime} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
                <Button type="primary" disabled={!newTime} onClick={() => act.mutate('reschedule')} loading={act.isPending && act.variables === 'reschedule'}>
                  {t('common.save')}
                </Button>
              </Flex>
            </Card>
          ) : null}
          {b.status !== 'scheduled' ? (
            <Card size="small" title={t('sends.timeline')}>
              {timeline.data?.items.length ? <TimelineChart points={timeline.data.items} /> : <Empty description={t('sends.noTimeline')} />}
            </Card>
          ) : null}
          {b.status === 'scheduled' ? null : (
            <Card size="small" title={t('sends.messages')}>
              <div style={{ overflowX: 'auto', marginBottom: 8 }}>
                <Segmented<StatusFilter>
                  size="small"
                  value={status}
                  onChange={setStatus}
                  data-testid="message-status-filter"
                  options={[
                    { value: 'all', label: t('sends.allStatuses') },
                    ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`delivery.status.${s}` as MessageKey) })),
                  ]}
                />
              </div>
              <KeysetTable<Delivery>
                list={messages}
                emptyText={t('sends.noMessages')}
                size="small"
                data-testid="send-messages"
                columns={[
                  { title: t('delivery.customer'), key: 'customer', render: (_, d) => <CustomerLink customer={d.customer} /> },
                  {
                    title: t('delivery.status'),
                    key: 'status',
                    render: (_, d) => <DeliveryStatus status={d.status} at={d.nextAttemptAt} skipReason={d.skipReason} />,
                  },
                  {
                    title: t('delivery.lastResult'),
                    key: 'result',
                    render: (_, d) => (
                      <Flex vertical style={{ maxWidth: 320 }}>
                        <span>{attemptResult(t, d.lastStatusCode, d.lastErrorClass)}</span>
                        {d.lastError && d.lastError !== `HTTP ${d.lastStatusCode}` ? (
                          <Typography.Text type="secondary" ellipsis={{ tooltip: d.lastError }} style={{ fontSize: 12, maxWidth: 320 }}>
                            {d.lastError}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ),
                  },
                  {
                    responsive: ['md'],
                    title: t('delivery.attempts'),
                    key: 'attempts',
                    render: (_, d) => attemptsText(d.attempts, d.maxAttempts, t, d.status),
                  },
                  { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
                  {
                    title: '',
                    key: 'open',
                    render: (_, d) => (
                      <Link to={`/deliveries/${d.id}`} data-testid="open-message">
                        {t('common.details')}
                      </Link>
                    ),
                  },
                ]}
              />
            </Card>
          )}
        </Flex>
      ) : null}
    </QueryState>
  );
}
