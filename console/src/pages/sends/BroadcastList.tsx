import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { BroadcastStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { fmtTime } from '../../lib/format';
import { client, data } from '../../lib/api';
import { BROADCAST_STATUSES, type Broadcast } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { BroadcastProgress } from './BroadcastProgress';

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
        <Select
          allowClear
          placeholder={t('sends.filterStatus')}
          value={status}
          onChange={setStatus}
          style={{ width: 200 }}
          options={BROADCAST_STATUSES.map((s) => ({ value: s, label: t(`broadcast.status.${s}` as MessageKey) }))}
        />
      </Flex>
      <KeysetTable<Broadcast>
        list={list}
        emptyText={t('sends.empty')}
        columns={[
          { title: t('sends.name'), dataIndex: 'name', render: (n, b) => <Link to={`/sends/${b.id}`}>{n}</Link> },
          { title: t('sends.status'), dataIndex: 'status', render: (s) => <BroadcastStatus status={s} /> },
          { title: t('sends.progress'), key: 'progress', width: 220, render: (_, b) => <BroadcastProgress b={b} size="small" /> },
          { title: t('sends.counters'), key: 'counters', render: (_, b) => `${b.delivered} / ${b.failed} / ${b.total}` },
          { title: t('sends.scheduledAt'), dataIndex: 'scheduledAt', render: fmtTime },
          { title: t('sends.startedAt'), dataIndex: 'startedAt', render: fmtTime },
          { title: t('sends.completedAt'), dataIndex: 'completedAt', render: fmtTime },
        ]}
      />
    </>
  );
}
