import { Col, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CustomerPicker } from '../../../components/CustomerPicker';
import { KeysetTable } from '../../../components/KeysetTable';
import { CustomerLink } from '../../../components/Names';
import { RunStatus } from '../../../components/StatusTag';
import { useT, type MessageKey } from '../../../i18n';
import { client, data } from '../../../lib/api';
import { RUN_STATUSES, type JourneyRun, type RunStatus as RunStatusValue } from '../../../lib/models';
import { fmtTime } from '../../../lib/format';
import { useKeyset } from '../../../lib/useKeyset';

/** 运行记录: a journey's runs, newest first, keyset paged; filter by status and customer; polled while any is on its way. */
export function RunList({ journeyId }: { journeyId: number }) {
  const { t } = useT();
  const [status, setStatus] = useState<RunStatusValue>();
  const [customerId, setCustomerId] = useState<number>();
  const runs = useKeyset(
    ['journey', journeyId, 'runs', { status, customerId }],
    (after, signal) =>
      data(
        client.GET('/api/journeys/{id}/runs', {
          params: { path: { id: journeyId }, query: { status, customerId, after: after ? Number(after) : undefined } },
          signal,
        }),
      ),
    {
      pollWhile: (items) => items.some((r) => r.status === 'active' || r.status === 'waiting'),
    },
  );
  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={6}>
          <Select
            allowClear
            placeholder={t('run.status')}
            aria-label={t('run.status')}
            value={status}
            onChange={setStatus}
            style={{ width: '100%' }}
            data-testid="run-status-filter"
            options={RUN_STATUSES.map((s) => ({ value: s, label: t(`run.status.${s}` as MessageKey) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <CustomerPicker value={customerId} onChange={setCustomerId} />
        </Col>
      </Row>
      <KeysetTable<JourneyRun>
        list={runs}
        emptyText={t('run.empty')}
        size="small"
        columns={[
          {
            title: t('run.id'),
            dataIndex: 'id',
            render: (id) => (
              <Link to={`/journey-runs/${id}`} data-testid={`run-link-${id}`}>
                #{id}
              </Link>
            ),
          },
          { title: t('run.status'), dataIndex: 'status', render: (s) => <RunStatus status={s} /> },
          { title: t('delivery.customer'), key: 'customer', render: (_, r) => <CustomerLink customer={r.customer} /> },
          { title: t('run.node'), key: 'node', render: (_, r) => r.nodeLabel ?? r.nodeId ?? '—' },
          { title: t('run.startedAt'), dataIndex: 'startedAt', render: fmtTime },
          { title: t('run.finishedAt'), dataIndex: 'finishedAt', render: fmtTime },
          {
            title: t('run.error'),
            dataIndex: 'error',
            render: (e) =>
              e ? (
                <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 280 }}>
                  {e}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
