import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, Grid, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CustomerName } from '../../../components/CustomerPicker';
import { DeliveryDetailView } from '../../../components/DeliveryDetailView';
import { JsonBlock } from '../../../components/JsonBlock';
import { useT, type MessageKey } from '../../../i18n';
import { client, data } from '../../../lib/api';
import { fmtTime } from '../../../lib/format';
import type { JourneyNode, RunDetail, RunStep } from '../../../lib/models';
import { TraceTag } from './NodeBadges';
import { NODES } from './nodes';
import type { RunTrace } from './trace';

/** A webhook step's message: the request as sent and the receiver's answer (the 测试发送 view). */
function StepMessage({ deliveryId }: { deliveryId: string }) {
  const { t } = useT();
  const detail = useQuery({
    queryKey: ['delivery', deliveryId],
    queryFn: ({ signal }) => data(client.GET('/api/deliveries/{id}', { params: { path: { id: deliveryId } }, signal })),
  });
  if (!detail.data) {
    return (
      <Flex gap={8} align="center">
        <Spin size="small" />
        <Typography.Text type="secondary">{t('journeyTest.loadingMessage')}</Typography.Text>
      </Flex>
    );
  }
  return <DeliveryDetailView detail={detail.data} />;
}

/**
 * A webhook step: the receiver's status and body at a glance; the whole request and response (the
 * 测试发送 view) opens beside the canvas, too wide for the panel.
 */
function WebhookStep({ step }: { step: RunStep }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const phone = !Grid.useBreakpoint().md;
  const d = step.detail ?? {};
  const response = d.response as { status: number | null; body: unknown } | null | undefined;
  const ok = !!response?.status && response.status >= 200 && response.status < 300;
  return (
    <Flex vertical gap={8}>
      {typeof d.error === 'string' ? <Alert type="error" showIcon title={d.error} /> : null}
      {response?.status ? (
        <Flex gap={8} align="center">
          <Typography.Text strong>{t('run.response')}</Typography.Text>
          <Tag color={ok ? 'success' : 'error'}>HTTP {response.status}</Tag>
        </Flex>
      ) : null}
      {response ? <JsonBlock value={response.body} testId="test-step-response" /> : null}
      {step.deliveryId ? (
        <>
          <Button onClick={() => setOpen(true)} data-testid="open-test-message">
            {t('journeyTest.openMessage')}
          </Button>
          <Drawer open={open} onClose={() => setOpen(false)} size={phone ? '100%' : 720} title={t('journeyTest.messageTitle')} destroyOnHidden>
            <StepMessage deliveryId={step.deliveryId} />
          </Drawer>
        </>
      ) : (
        <Typography.Text type="secondary">{t('journeyTest.noMessage')}</Typography.Text>
      )}
    </Flex>
  );
}

/** What one step did, in the marketer's words: the wait skipped, the branch taken, the change not made, the message. */
function StepResult({ step }: { step: RunStep }) {
  const { t } = useT();
  const d = step.detail ?? {};
  if (step.type === 'wait') return <Typography.Text>{t('journeyTest.waitSkipped', { at: fmtTime(d.until as string) })}</Typography.Text>;
  if (step.type === 'condition')
    return <Typography.Text>{t('journeyTest.branch', { branch: t(`run.outcome.${step.outcome}` as MessageKey) })}</Typography.Text>;
  if (step.type === 'split')
    return (
      <Typography.Text data-testid="test-split-branch">{t('split.took', { label: String(d.label ?? ''), percent: Number(d.percent ?? 0) })}</Typography.Text>
    );
  if (step.type === 'update_customer') {
    const { applied: _, ...change } = d;
    return (
      <>
        <Typography.Text>{t('journeyTest.updatePreview')}</Typography.Text>
        <JsonBlock value={change} />
      </>
    );
  }
  if (step.type === 'webhook') return <WebhookStep step={step} />;
  return null;
}

interface Props {
  run: RunDetail;
  trace: RunTrace;
  node?: JourneyNode;
  onPick: (nodeId: string) => void;
}

/** The side panel while a test run is on the canvas: the selected node's result, or the path to pick one from. */
export function TestRunPanel({ run, trace, node, onPick }: Props) {
  const { t } = useT();
  if (node) {
    const nodeTrace = trace.nodes.get(node.id);
    const kind = NODES[node.type];
    return (
      <Flex vertical gap={12} data-testid="test-node-panel">
        <Flex align="center" gap={8}>
          <span style={{ color: kind.color, fontSize: 18 }}>{kind.icon}</span>
          <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
            {node.label || t(kind.label)}
          </Typography.Title>
          {nodeTrace ? <TraceTag state={nodeTrace.state} /> : null}
        </Flex>
        {nodeTrace ? (
          nodeTrace.steps.map((s, i) => (
            <Flex key={i} vertical gap={6} data-testid={`test-step-${s.nodeId}`}>
              <StepResult step={s} />
            </Flex>
          ))
        ) : (
          <Typography.Text type="secondary">{t('journeyTest.notVisited')}</Typography.Text>
        )}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8} data-testid="test-run-path">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('journeyTest.path')}
      </Typography.Title>
      {run.error ? <Alert type="error" showIcon title={t('journeyTest.runError', { error: run.error })} /> : null}
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {run.stepLog.map((s, i) => (
          <li key={i} style={{ marginBottom: 4 }}>
            <Typography.Link onClick={() => onPick(s.nodeId)} data-testid={`path-${s.nodeId}`}>
              {s.nodeId}
            </Typography.Link>{' '}
            <Tag>{t(`journey.node.${s.type}` as MessageKey)}</Tag>
            <Tag color={s.outcome === 'failed' || s.outcome === 'error' ? 'error' : 'success'}>{t(`run.outcome.${s.outcome}` as MessageKey)}</Tag>
            {s.type === 'split' && s.detail ? <Tag color="cyan">{`${String(s.detail.label)} ${Number(s.detail.percent)}%`}</Tag> : null}
          </li>
        ))}
      </ol>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('journeyTest.pickNode')}
      </Typography.Text>
    </Flex>
  );
}

const STATUS_TYPES: Record<string, 'success' | 'error' | 'info'> = { completed: 'success', failed: 'error' };

/** Above the canvas while it shows a test run: which run, for whom, how it ended; run again or go back to editing. */
export function TestRunBanner({ run, onAgain, onExit }: { run: RunDetail; onAgain: () => void; onExit: () => void }) {
  const { t } = useT();
  const navigate = useNavigate();
  return (
    <Alert
      type={STATUS_TYPES[run.status] ?? 'info'}
      showIcon
      data-testid="test-run-banner"
      title={
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{t('journeyTest.banner', { id: run.id })}</Typography.Text>
          <Tag color={run.status === 'completed' ? 'success' : run.status === 'failed' ? 'error' : 'processing'} data-testid="test-run-status">
            {t(`journeyTest.status.${run.status}` as MessageKey)}
          </Tag>
          <span>
            {t('journeyTest.bannerFor')}
            {run.customerId ? <Link to={`/customers/${run.customerId}`}>{<CustomerName id={run.customerId} />}</Link> : '—'}
          </span>
        </Flex>
      }
      // Buttons under the text, not beside it: beside it they squeeze the text into a column on a phone.
      description={
        <Flex vertical gap={8}>
          <span>{t('journeyTest.bannerHint')}</span>
          <Flex gap={8} wrap>
            <Button size="small" type="primary" onClick={onExit} data-testid="test-run-exit">
              {t('journeyTest.exit')}
            </Button>
            <Button size="small" onClick={onAgain} data-testid="test-run-again">
              {t('journeyTest.again')}
            </Button>
            <Button size="small" onClick={() => navigate(`/journey-runs/${run.id}`)}>
              {t('journeyTest.openRun')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}
