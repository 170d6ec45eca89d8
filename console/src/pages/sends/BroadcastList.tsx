import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { Countdown } from '../../components/Names';
import { BroadcastStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { fmtTime } from '../../lib/format';
import { client, data } from '../../lib/api';
import { BROADCAST_STATUSES, type Broadcast } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { BroadcastProgress } from './BroadcastProgress';
import { NewBroadcastButton } from './NewBroadcast';

/** "webhook → group", by name. */
export function SendRoute({ b }: { b: Broadcast }) {
  const { t } = useT();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('sends.route', { webhook: b.webhook.name ?? `#${b.webhookId}`, group: b.group.name ?? `#${b.groupId}` })}
    </Typography.Text>
  );
}

/** The times that matter for its state, stacked: scheduled (with a countdown), started, finished. */
function SendTimes({ b }: { b: Broadcast }) {
  const { t } = useT();
  const finished = b.completedAt ?? b.cancelledAt;
  return (
    <Flex vertical style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
      {b.scheduledAt ? <span>{t('sends.when.scheduled', { time: fmtTime(b.scheduledAt) })}</span> : null}
      {b.startedAt ? <span>{t('sends.when.started', { time: fmtTime(b.startedAt) })}</span> : null}
      {finished ? <span>{t('sends.when.finished', { time: fmtTime(finished) })}</span> : null}
    </Flex>
  );
}

/** Progress, or for a scheduled send who it goes to and when. */
function SendProgress({ b }: { b: Broadcast }) {
  const { t } = useT();
  if (b.status !== 'scheduled') {
    return (
      <Flex vertical>
        <BroadcastProgress b={b} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sends.counter.delivered')} {b.delivered} · {t('sends.counter.failed')} {b.failed} · {t('sends.counter.total')} {b.total}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical style={{ fontSize: 13 }} data-testid="send-audience">
      <span>{b.audience === null ? '—' : t('sends.audience', { n: b.audience })}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Countdown at={b.scheduledAt} />
      </Typography.Text>
    </Flex>
  );
}

/** 发送列表: every mass send with live status (polled while any is sending or scheduled). */
export default function BroadcastList() {
  const { t } = useT();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<Broadcast['status'] & (typeof BROADCAST_STATUSES)[number]>();
  const webhookId = params.get('webhookId') ? Number(params.get('webhookId')) : undefined;
  const list = useKeyset(
    ['broadcasts', { status, webhookId }],
    (after, signal) => data(client.GET('/api/broadcasts', { params: { query: { status, webhookId, after: after ? Number(after) : undefined } }, signal })),
    {
      pollWhile: (items) => items.some((b) => b.status === 'sending' || b.status === 'scheduled'),
    },
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sends.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('sends.filterStatus')}
            aria-label={t('sends.filterStatus')}
            value={status}
            onChange={setStatus}
            style={{ width: 200 }}
            options={BROADCAST_STATUSES.map((s) => ({ value: s, label: t(`broadcast.status.${s}` as MessageKey) }))}
          />
          <NewBroadcastButton />
        </Flex>
      </Flex>
      <KeysetTable<Broadcast>
        list={list}
        emptyText={t('sends.empty')}
        columns={[
          {
            title: t('sends.name'),
            dataIndex: 'name',
            render: (n, b) => (
              <Flex vertical style={{ maxWidth: 360 }}>
                <Link to={`/sends/${b.id}`}>{n}</Link>
                <SendRoute b={b} />
              </Flex>
            ),
          },
          { title: t('sends.status'), dataIndex: 'status', render: (s) => <BroadcastStatus status={s} /> },
          { title: t('sends.progress'), key: 'progress', width: 240, render: (_, b) => <SendProgress b={b} /> },
          { title: t('sends.time'), key: 'time', render: (_, b) => <SendTimes b={b} /> },
        ]}
      />
    </>
  );
}
