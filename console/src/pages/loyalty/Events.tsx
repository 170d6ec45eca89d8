import { Select, Tag } from 'antd';
import { useState } from 'react';
import { JsonBlock } from '../../components/JsonBlock';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { fmtTime } from '../../lib/format';
import { client, data } from '../../lib/api';
import { FIXED_EVENTS, type EventRow } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';

/** 事件日志: the fixed events recorded (GET /api/events), with how many messages each made. */
export function Events() {
  const { t } = useT();
  const [type, setType] = useState<(typeof FIXED_EVENTS)[number]>();
  const list = useKeyset(['loyalty', 'events', type], (after, signal) =>
    data(client.GET('/api/events', { params: { query: { type, after: after ? Number(after) : undefined } }, signal })),
  );
  return (
    <>
      <Select
        allowClear
        placeholder={t('loyalty.eventType')}
        aria-label={t('loyalty.eventType')}
        value={type}
        onChange={setType}
        style={{ width: 300, marginBottom: 16 }}
        options={FIXED_EVENTS.map((e) => ({ value: e, label: e }))}
      />
      <KeysetTable<EventRow>
        list={list}
        emptyText={t('loyalty.noEvents')}
        size="small"
        expandable={{ expandedRowRender: (e) => <JsonBlock value={e.payload} /> }}
        columns={[
          { responsive: ['md'], title: 'ID', dataIndex: 'id' },
          { title: t('loyalty.eventType'), dataIndex: 'type', render: (ty) => <Tag>{ty}</Tag> },
          { title: t('loyalty.eventStatus'), dataIndex: 'status', render: (s) => <Tag color={s === 'relayed' ? 'success' : 'processing'}>{s ?? '—'}</Tag> },
          { responsive: ['md'], title: t('loyalty.eventDeliveries'), dataIndex: 'deliveries' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
    </>
  );
}
