import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, List, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../i18n';
import { fmtTime } from '../../lib/format';
import { DANGER, num, pct, type OverviewData } from './types';
import { attemptResult } from '../../lib/attempt-result';

/** Open circuits, disabled webhooks with traffic, rising failures: each a link to its webhook. */
export function Attention({ o }: { o: OverviewData }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('overview.attention')} data-testid="overview-attention">
      {o.attention.length ? (
        <List
          size="small"
          dataSource={o.attention}
          renderItem={(a) => (
            <List.Item>
              <Space align="start">
                <WarningOutlined style={{ color: a.kind === 'rising_failures' ? '#874d00' : DANGER, marginTop: 4 }} aria-hidden />
                <div>
                  <Link to={`/webhooks/${a.webhookId}`}>{a.name}</Link>
                  <div style={{ color: 'rgba(0,0,0,0.65)' }}>
                    {t(`overview.kind.${a.kind}${a.kind === 'rising_failures' && a.baselineFailureRate === null ? '_new' : ''}` as MessageKey, {
                      recent: pct(a.recentFailureRate),
                      attempts: num(a.recentAttempts ?? 0),
                      baseline: pct(a.baselineFailureRate),
                    })}
                    {a.since ? ` · ${t('circuit.since', { time: fmtTime(a.since) })}` : ''}
                  </div>
                </div>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Space style={{ padding: '8px 0', color: 'rgba(0,0,0,0.65)' }}>
          <CheckCircleOutlined style={{ color: '#389e0d' }} aria-hidden />
          {t('overview.allGood')}
        </Space>
      )}
    </Card>
  );
}

function countdown(at: string, t: ReturnType<typeof useT>['t']): string {
  const minutes = Math.max(0, Math.ceil(dayjs(at).diff(dayjs(), 'minute', true)));
  if (minutes < 60) return t('overview.inMinutes', { m: minutes });
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    return minutes % 60 ? t('overview.inHours', { h, m: minutes % 60 }) : t('overview.inWholeHours', { h });
  }
  return dayjs(at).format('MM-DD HH:mm');
}

type Send = OverviewData['running'][number];

/** Running sends with their progress, then scheduled ones with a countdown. */
export function Sends({ o }: { o: OverviewData }) {
  const { t } = useT();
  const item = (s: Send) => {
    const done = s.delivered + s.failed;
    return (
      <List.Item key={s.id}>
        <div style={{ width: '100%' }}>
          <Flex justify="space-between" gap={8} wrap>
            <Link to={`/sends/${s.id}`}>{s.name}</Link>
            {s.status === 'scheduled' && s.scheduledAt ? (
              <Typography.Text type="secondary">
                {t('overview.startsIn', { time: countdown(s.scheduledAt, t) })} · {dayjs(s.scheduledAt).format('MM-DD HH:mm')}
              </Typography.Text>
            ) : (
              <Typography.Text>{t(`broadcast.status.${s.status}` as MessageKey)}</Typography.Text>
            )}
          </Flex>
          {s.status === 'sending' ? (
            <Flex align="center" gap={8}>
              <Progress
                style={{ flex: 1, margin: 0 }}
                percent={s.total ? Math.floor((done / s.total) * 100) : 0}
                success={{ percent: s.total ? Math.floor((s.delivered / s.total) * 100) : 0 }}
                status="active"
                size="small"
                showInfo={false}
                aria-label={s.name}
              />
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {s.fanoutDone ? t('overview.progress', { done: num(done), total: num(s.total) }) : t('overview.fanout')}
              </Typography.Text>
            </Flex>
          ) : null}
        </div>
      </List.Item>
    );
  };
  const none = !o.running.length && !o.upcoming.length;
  return (
    <Card size="small" title={t('overview.running')} extra={<Link to="/sends">{t('overview.viewAll')}</Link>} data-testid="overview-sends">
      {none ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noSends')} /> : null}
      {o.running.length ? <List size="small" dataSource={o.running} renderItem={item} /> : null}
      {o.upcoming.length ? (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('overview.upcoming')}
          </Typography.Text>
          <List size="small" dataSource={o.upcoming} renderItem={item} />
        </>
      ) : null}
    </Card>
  );
}

/** Active journeys and how many runs entered, are in progress, finished. */
export function Journeys({ o }: { o: OverviewData }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('overview.journeys')} extra={<Link to="/journeys">{t('overview.viewAll')}</Link>} data-testid="overview-journeys">
      {o.journeys.length ? (
        <List
          size="small"
          dataSource={o.journeys}
          renderItem={(j) => (
            <List.Item key={j.id}>
              <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                <Link to={`/journeys/${j.id}`}>{j.name}</Link>
                <Space size={4} wrap>
                  <Tag>{t('overview.entered', { n: num(j.counters.entered) })}</Tag>
                  <Tag>{t('overview.inFlight', { n: num(j.counters.active + j.counters.waiting) })}</Tag>
                  <Tag>{t('overview.completed', { n: num(j.counters.completed) })}</Tag>
                  {j.counters.failed ? <Tag style={{ color: DANGER }}>{`${t('run.status.failed')} ${num(j.counters.failed)}`}</Tag> : null}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noJourneys')} />
      )}
    </Card>
  );
}

type Failure = OverviewData['latestFailures'][number];

/** The newest failed messages, each a link to the message. */
export function Failures({ o }: { o: OverviewData }) {
  const { t } = useT();
  return (
    <Card
      size="small"
      title={t('overview.latestFailures')}
      extra={<Link to="/deliveries?status=failed">{t('overview.viewAll')}</Link>}
      data-testid="overview-failures"
    >
      <Table<Failure>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={o.latestFailures}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noFailures')} /> }}
        columns={[
          {
            title: t('overview.failureAt'),
            dataIndex: 'at',
            render: (at: string, f) => (
              <Link to={`/deliveries/${f.id}`} data-testid="failure-link">
                {dayjs(at).format('MM-DD HH:mm:ss')}
              </Link>
            ),
          },
          {
            title: t('overview.webhook'),
            dataIndex: 'webhookName',
            render: (name: string | null, f) => (name ? <Link to={`/webhooks/${f.webhookId}`}>{name}</Link> : t('overview.deletedWebhook')),
          },
          { title: t('delivery.source'), dataIndex: 'source', render: (s: string) => t(`delivery.source.${s}` as MessageKey) },
          {
            title: t('overview.error'),
            key: 'error',
            render: (_, f) => (
              <Typography.Text ellipsis style={{ maxWidth: 320, color: DANGER }} title={f.error ?? undefined}>
                {f.errorClass
                  ? `${attemptResult(t, f.statusCode, f.errorClass)}${f.error ? ` · ${f.error}` : ''}`
                  : (f.error ?? (f.statusCode ? `HTTP ${f.statusCode}` : '—'))}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
