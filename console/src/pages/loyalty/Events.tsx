import { Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { JsonBlock } from '../../components/JsonBlock';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { fmtTime } from '../../lib/format';
import { FIXED_EVENTS } from '../../lib/types';
import { useKeyset } from '../../lib/useKeyset';

interface EventRow { id: number | string; type: string; payload: unknown; status?: string; relayedAt?: string | null; deliveries?: number; createdAt: string; origin?: string }

/** 事件日志: the fixed events recorded (GET /api/events), with how many messages each made. */
export function Events() {
  const { t } = useT();
  const [type, setType] = useState<string>();
  const list = useKeyset<EventRow>(['loyalty', 'events'], '/api/events', { type });
  return (
    <>
      <Select allowClear placeholder={t('loyalty.eventType')} value={type} onChange={setType} style={{ width: 300, marginBottom: 16 }}
        options={FIXED_EVENTS.map((e) => ({ value: e, label: e }))} />
      <QueryState query={list} empty={list.items.length === 0} emptyText={t('loyalty.noEvents')}>
        <Table<EventRow> rowKey="id" size="small" pagination={false} dataSource={list.items} scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (e) => <JsonBlock value={e.payload} /> }}
          columns={[
            { title: 'ID', dataIndex: 'id' },
            { title: t('loyalty.eventType'), dataIndex: 'type', render: (ty) => <Tag>{ty}</Tag> },
            { title: t('loyalty.eventStatus'), dataIndex: 'status', render: (s) => <Tag color={s === 'relayed' ? 'success' : 'processing'}>{s ?? '—'}</Tag> },
            { title: t('loyalty.eventDeliveries'), dataIndex: 'deliveries' },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
          ]} />
        <LoadMore query={list} />
      </QueryState>
    </>
  );
}
