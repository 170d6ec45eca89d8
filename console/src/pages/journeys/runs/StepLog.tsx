import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { HeadersTable, JsonBlock } from '../../../components/JsonBlock';
import { useT, type MessageKey } from '../../../i18n';
import type { RunStep } from '../../../lib/automation-types';
import { fmtTime } from '../../../lib/format';

const OUTCOME_COLORS: Record<string, string> = {
  done: 'success', then: 'green', else: 'volcano', waiting: 'processing', delivered: 'success', failed: 'error', error: 'error', cancelled: 'default',
};

interface StepResponse { status: number | null; headers: Record<string, string>; body: unknown; truncated?: boolean }

/** A webhook step's answer from the receiver, as the run's context holds it. */
function WebhookResponse({ step }: { step: RunStep }) {
  const { t } = useT();
  const detail = step.detail ?? {};
  const response = detail.response as StepResponse | null | undefined;
  const ok = response?.status && response.status >= 200 && response.status < 300;
  return (
    <Card size="small" data-testid={`step-response-${step.nodeId}`}
      title={<Flex gap={8} wrap align="center">
        <span>{t('run.response')}</span>
        {response?.status ? <Tag color={ok ? 'success' : 'error'}>HTTP {response.status}</Tag> : null}
        {step.deliveryId ? <Link to={`/deliveries/${step.deliveryId}`} data-testid="step-delivery-link">{t('run.deliveryDetail')}</Link> : null}
      </Flex>}>
      {typeof detail.error === 'string' ? <Typography.Paragraph type="danger">{detail.error}</Typography.Paragraph> : null}
      {response ? (
        <>
          <Typography.Text strong>{t('delivery.responseHeaders')}</Typography.Text>
          <HeadersTable headers={response.headers} />
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('delivery.responseBody')} {response.truncated ? <Tag>{t('delivery.truncated')}</Tag> : null}
          </Typography.Text>
          <JsonBlock value={response.body} testId="step-response-body" />
        </>
      ) : (
        <Typography.Text type="secondary">{step.outcome === 'waiting' ? t('run.awaitingResponse') : t('run.noResponse')}</Typography.Text>
      )}
    </Card>
  );
}

/** The step log: node, outcome, started, finished; webhook steps open with their response, others with their detail. */
export function StepLog({ steps }: { steps: RunStep[] }) {
  const { t } = useT();
  const rows = steps.map((s, i) => ({ ...s, key: i }));
  // Webhook steps start open (their answer is what one looks for), others closed; clicks flip them.
  // Kept as flips rather than antd's defaultExpandedRowKeys, which ignores rows that arrive by polling.
  const [flipped, setFlipped] = useState<Set<number>>(new Set());
  const expanded = rows.filter((s) => (s.type === 'webhook') !== flipped.has(s.key)).map((s) => s.key);
  return (
    <Table
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="step-log"
      rowClassName={(s) => (s.outcome === 'waiting' ? 'step-open' : '')}
      expandable={{
        expandedRowKeys: expanded,
        onExpand: (_open, s) => setFlipped((f) => { const next = new Set(f); if (!next.delete(s.key)) next.add(s.key); return next; }),
        rowExpandable: (s) => s.type === 'webhook' || !!s.detail,
        expandedRowRender: (s) => (s.type === 'webhook' ? <WebhookResponse step={s} /> : <JsonBlock value={s.detail} />),
      }}
      columns={[
        { title: t('run.node'), dataIndex: 'nodeId', render: (id, s) => <span data-testid={`step-${id}`}><code>{id}</code> <Tag>{t(`journey.node.${s.type}` as MessageKey)}</Tag></span> },
        {
          title: t('run.outcome'), dataIndex: 'outcome',
          render: (o) => <Tag color={OUTCOME_COLORS[o]} data-testid="step-outcome">{t(`run.outcome.${o}` as MessageKey)}</Tag>,
        },
        { title: t('run.startedAt'), dataIndex: 'startedAt', render: fmtTime },
        { title: t('run.finishedAt'), dataIndex: 'finishedAt', render: (f, s) => (s.outcome === 'waiting' ? <Tag color="processing">{t('run.openStep')}</Tag> : fmtTime(f)) },
      ]}
    />
  );
}
