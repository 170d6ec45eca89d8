import { Button, Descriptions, Drawer, Grid, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { HeadersTable, JsonBlock } from '../../components/JsonBlock';
import { KeysetTable } from '../../components/KeysetTable';
import { VerdictTag } from '../../components/StatusTag';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { INBOUND_VERDICTS, type InboundRequest } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { useKeyset } from '../../lib/useKeyset';

function RequestDetail({ r }: { r: InboundRequest }) {
  const { t } = useT();
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 12 }}
        items={[
          { key: 'verdict', label: t('inbound.log.verdict'), children: <VerdictTag verdict={r.verdict} /> },
          { key: 'status', label: t('inbound.log.status'), children: r.status || '—' },
          { key: 'address', label: t('inbound.log.address'), children: r.clientIp },
          { key: 'delivery', label: t('inbound.log.deliveryKey'), children: r.deliveryKey ?? '—' },
          { key: 'run', label: t('inbound.log.run'), children: r.runId ? <Link to={`/journey-runs/${r.runId}`}>#{r.runId}</Link> : '—' },
        ]}
      />
      {r.error ? <Typography.Paragraph type="danger">{r.error}</Typography.Paragraph> : null}
      <Typography.Text strong>{t('inbound.log.headers')}</Typography.Text>
      <HeadersTable headers={r.headers} />
      {Object.keys(r.query ?? {}).length ? (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('inbound.log.query')}
          </Typography.Text>
          <JsonBlock value={r.query} />
        </>
      ) : null}
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('inbound.log.body')} {r.bodyTruncated ? <Tag>{t('delivery.truncated')}</Tag> : null}
      </Typography.Text>
      <JsonBlock value={r.body} testId="inbound-request-body" />
      {r.response ? (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('inbound.log.answer')} · HTTP {r.response.status}
          </Typography.Text>
          <JsonBlock value={r.response.body} />
        </>
      ) : null}
    </>
  );
}

/** 请求日志: every call to the hook — time, method, verdict, status, address, duration, the run it started; headers (masked) and body on expanding. */
export function RequestLog({ triggerId, live }: { triggerId: number; live: boolean }) {
  const { t } = useT();
  const [verdict, setVerdict] = useState<InboundRequest['verdict']>();
  const [open, setOpen] = useState<InboundRequest | null>(null);
  const phone = !Grid.useBreakpoint().md;
  // Polled while the tab is open: calls arrive from outside at any time.
  const log = useKeyset(
    ['inbound-trigger', triggerId, 'requests', verdict],
    (after, signal) =>
      data(
        client.GET('/api/inbound-triggers/{id}/requests', {
          params: { path: { id: triggerId }, query: { verdict, after: after ? Number(after) : undefined } },
          signal,
        }),
      ),
    { pollWhile: () => live },
  );
  return (
    <>
      <Select
        allowClear
        placeholder={t('inbound.log.verdict')}
        value={verdict}
        onChange={setVerdict}
        style={{ width: 200, marginBottom: 12 }}
        options={INBOUND_VERDICTS.map((v) => ({ value: v, label: t(`inbound.verdict.${v}` as MessageKey) }))}
      />
      <KeysetTable<InboundRequest>
        list={log}
        emptyText={t('inbound.log.empty')}
        size="small"
        data-testid="request-log"
        columns={[
          { title: t('inbound.log.time'), dataIndex: 'receivedAt', render: fmtTime },
          { responsive: ['md'], title: t('webhook.method'), dataIndex: 'method', render: (m) => <Tag>{m}</Tag> },
          {
            title: t('inbound.log.verdict'),
            dataIndex: 'verdict',
            render: (v) => (
              <span data-testid="request-verdict">
                <VerdictTag verdict={v} />
              </span>
            ),
          },
          { title: t('inbound.log.status'), dataIndex: 'status', render: (s) => (s ? <span data-testid="request-status">{s}</span> : '—') },
          { responsive: ['md'], title: t('inbound.log.address'), dataIndex: 'clientIp' },
          { responsive: ['md'], title: t('inbound.log.duration'), dataIndex: 'durationMs', render: (d) => (d == null ? '—' : `${d} ms`) },
          {
            title: t('inbound.log.run'),
            dataIndex: 'runId',
            render: (id) =>
              id ? (
                <Link to={`/journey-runs/${id}`} data-testid="request-run">
                  #{id}
                </Link>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'open',
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => setOpen(r)} data-testid="request-details">
                {t('common.details')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size={phone ? '100%' : 640}
        title={open ? `${open.method} · ${fmtTime(open.receivedAt)}` : ''}
        data-testid="request-drawer"
      >
        {open ? <RequestDetail r={open} /> : null}
      </Drawer>
    </>
  );
}
