import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { HeadersTable, JsonBlock } from '../../../components/JsonBlock';
import { useT, type MessageKey } from '../../../i18n';
import type { RunStep } from '../../../lib/models';
import { fmtTime } from '../../../lib/format';

const OUTCOME_COLORS: Record<string, string> = {
  done: 'success',
  skipped: 'purple',
  then: 'green',
  else: 'volcano',
  waiting: 'processing',
  delivered: 'success',
  failed: 'error',
  error: 'error',
  cancelled: 'default',
};

interface StepResponse {
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
  truncated?: boolean;
}

/** A webhook step's answer from the receiver, as the run's context holds it. */
function WebhookResponse({ step }: { step: RunStep }) {
  const { t } = useT();
  const detail = step.detail ?? {};
  const response = detail.response as StepResponse | null | undefined;
  const ok = response?.status && response.status >= 200 && response.status < 300;
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`step-response-${step.nodeId}`}
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('run.response')}</span>
          {response?.status ? <Tag color={ok ? 'success' : 'error'}>HTTP {response.status}</Tag> : null}
          {step.deliveryId ? (
            <Link to={`/deliveries/${step.deliveryId}`} data-testid="step-delivery-link">
              {t('run.deliveryDetail')}
            </Link>
          ) : null}
        </Flex>
      }
    >
      {typeof detail.error === 'string' ? <Typography.Paragraph type="danger">{detail.error}</Typography.Paragraph> : null}
      {/* A skipped step's reason is on its outcome tag (已跳过 · 客户已退订); the card says what that means. */}
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
        <Typography.Text type="secondary" data-testid="step-no-response">
          {step.outcome === 'waiting' ? t('run.awaitingResponse') : step.outcome === 'skipped' ? t('run.skippedNotSent') : t('run.noResponse')}
        </Typography.Text>
      )}
    </Card>
  );
}

/**
 * The step log, one card per node run: node, outcome, started, finished; a webhook step shows the
 * receiver's response, other steps their detail on demand. Cards rather than a table: a response's
 * long header values and body lines would stretch a table far past a phone's width.
 */
export function StepLog({ steps }: { steps: RunStep[] }) {
  const { t } = useT();
  if (!steps.length) return <Typography.Text type="secondary">{t('run.noSteps')}</Typography.Text>;
  return (
    <Flex vertical gap={8} data-testid="step-log">
      {steps.map((s, i) => (
        <Card
          key={i}
          size="small"
          data-testid={`step-${s.nodeId}`}
          style={s.outcome === 'waiting' ? { borderColor: '#1f6feb', background: '#f0f7ff' } : undefined}
          title={
            <Flex gap={8} wrap align="center" style={{ fontWeight: 'normal' }}>
              <Typography.Text strong data-testid="step-name">
                {s.nodeLabel ?? t(`journey.node.${s.type}` as MessageKey)}
              </Typography.Text>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }} title={t('run.nodeId')}>
                {s.nodeId}
              </Typography.Text>
              {s.nodeLabel ? <Tag>{t(`journey.node.${s.type}` as MessageKey)}</Tag> : null}
              <Tag color={OUTCOME_COLORS[s.outcome]} data-testid="step-outcome">
                {t(`run.outcome.${s.outcome}` as MessageKey)}
                {s.outcome === 'skipped' && typeof s.detail?.skipReason === 'string'
                  ? ` · ${t(`delivery.skipReason.${s.detail.skipReason}` as MessageKey)}`
                  : null}
              </Tag>
              {s.outcome === 'waiting' ? <Tag color="processing">{t('run.openStep')}</Tag> : null}
            </Flex>
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('run.startedAt')} {fmtTime(s.startedAt)} · {t('run.finishedAt')} {fmtTime(s.finishedAt)}
          </Typography.Text>
          {s.type === 'split' && s.detail ? (
            <div style={{ marginTop: 8 }} data-testid="step-branch">
              {t('split.took', { label: String(s.detail.label ?? ''), percent: Number(s.detail.percent ?? 0) })}
            </div>
          ) : null}
          {s.type === 'webhook' ? (
            <div style={{ marginTop: 8 }}>
              <WebhookResponse step={s} />
            </div>
          ) : s.detail ? (
            <details style={{ marginTop: 8 }}>
              <summary>{t('run.detail')}</summary>
              <JsonBlock value={s.detail} />
            </details>
          ) : null}
        </Card>
      ))}
    </Flex>
  );
}
