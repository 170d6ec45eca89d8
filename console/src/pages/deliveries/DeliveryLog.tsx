import { Col, DatePicker, Flex, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CustomerPicker } from '../../components/CustomerPicker';
import { KeysetTable } from '../../components/KeysetTable';
import { attemptsText, CustomerLink, OriginLink, WebhookLink } from '../../components/Names';
import { DeliveryStatus } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { DELIVERY_SOURCES, DELIVERY_STATUSES, type Delivery } from '../../lib/models';
import { useWebhooks } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';
import { attemptResult } from '../../lib/attempt-result';

/** A value from the URL if it is one of the document's values. */
function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** 发送记录: every message, newest first, filtered; keyset pages ("load more" follows nextCursor). */
export default function DeliveryLog() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filters = {
    status: oneOf(DELIVERY_STATUSES, params.get('status')),
    source: oneOf(DELIVERY_SOURCES, params.get('source')),
    webhookId: params.get('webhookId') ? Number(params.get('webhookId')) : undefined,
    customerId: params.get('customerId') ? Number(params.get('customerId')) : undefined,
    sourceId: params.get('sourceId') ? Number(params.get('sourceId')) : undefined,
    since: range?.[0]?.toDate().toISOString(),
    until: range?.[1]?.toDate().toISOString(),
  };
  const setFilter = (key: string, value: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const webhooks = useWebhooks();
  const list = useKeyset(
    ['deliveries', 'log', filters],
    (after, signal) => data(client.GET('/api/deliveries', { params: { query: { ...filters, after } }, signal })),
    {
      pollWhile: (items) => items.some((d) => d.status === 'pending' || d.status === 'sending'),
    },
  );

  return (
    <>
      <Typography.Title level={4}>{t('deliveries.title')}</Typography.Title>
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Select
            allowClear
            placeholder={t('delivery.status')}
            aria-label={t('delivery.status')}
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            style={{ width: '100%' }}
            options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`delivery.status.${s}` as MessageKey) }))}
            data-testid="filter-status"
          />
        </Col>
        <Col xs={12} md={4}>
          <Select
            allowClear
            placeholder={t('delivery.source')}
            aria-label={t('delivery.source')}
            value={filters.source}
            onChange={(v) => setFilter('source', v)}
            style={{ width: '100%' }}
            options={DELIVERY_SOURCES.map((s) => ({ value: s, label: t(`delivery.source.${s}` as MessageKey) }))}
          />
        </Col>
        <Col xs={24} md={5}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Webhook"
            aria-label="Webhook"
            value={filters.webhookId ? Number(filters.webhookId) : undefined}
            onChange={(v) => setFilter('webhookId', v)}
            style={{ width: '100%' }}
            options={(webhooks.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))}
          />
        </Col>
        <Col xs={24} md={5}>
          <CustomerPicker value={filters.customerId ? Number(filters.customerId) : undefined} onChange={(v) => setFilter('customerId', v)} />
        </Col>
        <Col xs={24} md={6}>
          <DatePicker.RangePicker showTime value={range} onChange={(v) => setRange(v)} style={{ width: '100%' }} />
        </Col>
      </Row>
      <KeysetTable<Delivery>
        list={list}
        emptyText={t('deliveries.empty')}
        columns={[
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            // Date over time: the log's widest columns are the names.
            render: (at: string) => (
              <Flex vertical style={{ whiteSpace: 'nowrap' }}>
                <span>{fmtTime(at).slice(0, 10)}</span>
                <Typography.Text type="secondary">{fmtTime(at).slice(11)}</Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('delivery.status'),
            key: 'status',
            render: (_, d) => (
              <Flex vertical gap={2}>
                <span>
                  <DeliveryStatus status={d.status} at={d.nextAttemptAt} skipReason={d.skipReason} />
                  {d.status === 'skipped' ? null : attemptResult(t, d.lastStatusCode, d.lastErrorClass)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {attemptsText(d.attempts, d.maxAttempts, t, d.status)}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('names.origin'), key: 'origin', render: (_, d) => <OriginLink origin={d.origin} /> },
          { title: 'Webhook', key: 'webhook', render: (_, d) => <WebhookLink webhook={d.webhook} /> },
          { title: t('delivery.customer'), key: 'customer', render: (_, d) => <CustomerLink customer={d.customer} /> },
          { title: '', key: 'open', render: (_, d) => <Link to={`/deliveries/${d.id}`}>{t('common.details')}</Link> },
        ]}
      />
    </>
  );
}
