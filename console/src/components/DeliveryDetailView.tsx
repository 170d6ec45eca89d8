import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useT, type MessageKey } from '../i18n';
import { client, data } from '../lib/api';
import { useErrorText } from '../lib/errors';
import { attemptResult } from '../lib/attempt-result';
import { fmtTime } from '../lib/format';
import type { Attempt, DeliveryDetail } from '../lib/models';
import { HeadersTable, JsonBlock } from './JsonBlock';
import { attemptsText, CustomerLink, OriginLink, WebhookLink } from './Names';
import { DeliveryStatus } from './StatusTag';
import { useCan } from '../lib/permissions';

function AttemptCard({ attempt }: { attempt: Attempt }) {
  const { t } = useT();
  // A 2xx the success rule refused is no success: its tag is red like any failure's.
  const ok = attempt.response && attempt.response.status >= 200 && attempt.response.status < 300 && !attempt.error;
  return (
    <Card
      size="small"
      data-testid={`attempt-${attempt.number}`}
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('delivery.attempt', { n: attempt.number })}</span>
          {attempt.response ? <Tag color={ok ? 'success' : 'error'}>HTTP {attempt.response.status}</Tag> : null}
          {attempt.error ? <Tag color="error">{t(`errorClass.${attempt.error.class}` as MessageKey)}</Tag> : null}
          <Typography.Text type="secondary">
            {fmtTime(attempt.startedAt)} · {attempt.durationMs} ms
          </Typography.Text>
        </Flex>
      }
    >
      {attempt.error ? (
        <Typography.Paragraph type="danger" data-testid="attempt-error">
          {t(`errorClass.${attempt.error.class}` as MessageKey)}: {attempt.error.message}
        </Typography.Paragraph>
      ) : null}
      {attempt.response ? (
        <>
          <Typography.Text strong>{t('delivery.responseHeaders')}</Typography.Text>
          <HeadersTable headers={attempt.response.headers} />
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('delivery.responseBody')} {attempt.response.truncated ? <Tag>{t('delivery.truncated')}</Tag> : null}
          </Typography.Text>
          <JsonBlock value={attempt.response.body} testId="response-body" />
        </>
      ) : null}
      <details style={{ marginTop: 8 }}>
        <summary>{t('delivery.attemptHeaders')}</summary>
        <HeadersTable headers={attempt.request.headers} />
        {/* A robot's signature makes each attempt's URL or body its own (the sign masked by the API). */}
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('delivery.attemptUrl')}
        </Typography.Text>
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="attempt-url">
          {attempt.request.url}
        </Typography.Text>
        {attempt.request.body != null ? (
          <>
            <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
              {t('delivery.attemptBody')}
            </Typography.Text>
            <JsonBlock value={attempt.request.body} testId="attempt-body" />
          </>
        ) : null}
      </details>
    </Card>
  );
}

/** 测试发送结果 and 消息详情: the request as sent (credentials masked by the API) and every attempt. */
export function DeliveryDetailView({ detail, onChanged }: { detail: DeliveryDetail; onChanged?: (d: DeliveryDetail) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const retry = useMutation({
    mutationFn: () => data(client.POST('/api/deliveries/{id}/retry', { params: { path: { id: detail.id } } })),
    onSuccess: (d) => {
      message.success(t('delivery.retried'));
      queryClient.invalidateQueries({ queryKey: ['deliveries'] });
      queryClient.invalidateQueries({ queryKey: ['delivery', detail.id] });
      onChanged?.(d);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const mayRetry = useCan()('deliveries:write');
  const canRetry = mayRetry && (detail.status === 'failed' || detail.status === 'cancelled');
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'status',
            label: t('delivery.status'),
            children: (
              <span data-testid="delivery-status">
                <DeliveryStatus status={detail.status} at={detail.nextAttemptAt} skipReason={detail.skipReason} />
                {detail.status !== 'delivered' && (detail.lastErrorClass || detail.lastStatusCode)
                  ? attemptResult(t, detail.lastStatusCode, detail.lastErrorClass)
                  : null}
              </span>
            ),
          },
          {
            key: 'attempts',
            label: t('delivery.attempts'),
            children: <span data-testid="delivery-attempts">{attemptsText(detail.attempts, detail.maxAttempts, t, detail.status)}</span>,
          },
          { key: 'webhook', label: 'Webhook', children: <WebhookLink webhook={detail.webhook} /> },
          { key: 'customer', label: t('delivery.customer'), children: <CustomerLink customer={detail.customer} /> },
          {
            key: 'origin',
            label: t('names.origin'),
            children: (
              <span data-testid="delivery-origin">
                <OriginLink origin={detail.origin} />
              </span>
            ),
          },
          // Why it failed, in the receiver's or the network's words, where a marketer looks first.
          ...(detail.status !== 'delivered' && detail.lastError
            ? [
                {
                  key: 'lastError',
                  label: t('delivery.lastResult'),
                  span: 'filled' as const,
                  children: <span data-testid="delivery-last-error">{detail.lastError}</span>,
                },
              ]
            : []),
          // A skipped message was never going to be sent: say why, instead of "not tried yet".
          ...(detail.status === 'skipped' && detail.skipReason
            ? [
                {
                  key: 'skipped',
                  label: t('delivery.skippedWhy'),
                  span: 'filled' as const,
                  children: <span data-testid="delivery-skipped-why">{t(`delivery.skippedWhy.${detail.skipReason}` as MessageKey)}</span>,
                },
              ]
            : []),
          { key: 'event', label: t('delivery.event'), children: <Typography.Text code>{detail.event}</Typography.Text> },
          { key: 'created', label: t('common.createdAt'), children: fmtTime(detail.createdAt) },
          { key: 'next', label: t('delivery.nextAttempt'), children: fmtTime(detail.nextAttemptAt) },
          {
            key: 'id',
            label: t('delivery.messageId'),
            children: (
              <Typography.Text copyable style={{ fontSize: 12 }}>
                {detail.id}
              </Typography.Text>
            ),
          },
        ]}
      />
      {canRetry ? (
        <div>
          <Button type="primary" icon={<ReloadOutlined />} loading={retry.isPending} onClick={() => retry.mutate()} data-testid="retry-delivery">
            {t('delivery.retry')}
          </Button>
        </div>
      ) : null}
      <Card size="small" title={t('delivery.request')}>
        <Typography.Paragraph>
          <Tag>{detail.request.method}</Tag>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {detail.request.url}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Text strong>{t('delivery.requestHeaders')}</Typography.Text>
        <HeadersTable headers={detail.request.headers} />
        <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
          {t('delivery.requestBody')}
        </Typography.Text>
        <JsonBlock value={detail.request.body} testId="request-body" />
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('delivery.attemptLog')}
      </Typography.Title>
      {detail.attemptLog.length ? (
        [...detail.attemptLog].reverse().map((a) => <AttemptCard key={a.number} attempt={a} />)
      ) : (
        <Empty description={detail.status === 'skipped' ? t('optout.neverSent') : t('delivery.noAttempts')} />
      )}
    </Flex>
  );
}
