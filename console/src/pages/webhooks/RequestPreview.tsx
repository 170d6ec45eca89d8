import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { PreviewUpdating } from '../../components/PreviewUpdating';
import { useMemo, useState } from 'react';
import { CustomerPicker } from '../../components/CustomerPicker';
import { HeadersTable, JsonBlock } from '../../components/JsonBlock';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { errorText, placedProblemText, problemText } from '../../lib/errors';
import { problemsOf } from '../../lib/form-errors';
import type { WebhookBody } from '../../lib/models';
import { useDebounced } from '../../lib/useDebounced';

/** What the editor holds that changes the request: the fields of a create, the template as typed. */
export type DraftWebhook = Omit<WebhookBody, 'bodyTemplate'> & { bodyTemplate: string | null };

/**
 * 请求预览: the request the webhook would send — method, URL, headers with the real signature (no
 * secret), body — for a picked customer or the sample one, rendered by the API shortly after typing
 * stops, from the editor's values: a new webhook whole, a saved one with its stored secrets under
 * the edits. Template problems say their line.
 */
export function RequestPreview({ webhookId, draft }: { webhookId?: number; draft: DraftWebhook }) {
  const { t, lang } = useT();
  const [customerId, setCustomerId] = useState<number>();
  const request = useDebounced(
    useMemo(() => ({ draft, customerId }), [draft, customerId]),
    400,
  );
  const ready = !!request.draft.url?.trim();
  const preview = useQuery({
    queryKey: ['webhook-preview', webhookId ?? 'new', request],
    queryFn: ({ signal }) =>
      webhookId
        ? data(
            client.POST('/api/webhooks/{id}/preview', {
              params: { path: { id: webhookId } },
              body: { ...request.draft, customerId: request.customerId },
              signal,
            }),
          )
        : data(client.POST('/api/webhooks/preview', { body: { ...request.draft, customerId: request.customerId }, signal })),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const problems = problemsOf(preview.error);
  const shown = preview.data;

  return (
    <Card size="small" title={t('editors.preview.title')} extra={<PreviewUpdating active={preview.isFetching} />} data-testid="request-preview">
      <label htmlFor="preview-customer" style={{ display: 'block', marginBottom: 4 }}>
        {t('editors.preview.customer')}
      </label>
      <CustomerPicker id="preview-customer" value={customerId} onChange={setCustomerId} />
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, margin: '4px 0 12px' }}>
        {customerId ? t('editors.preview.signed') : t('editors.preview.sample')}
      </Typography.Text>
      {!ready ? (
        <Typography.Text type="secondary">{t('editors.preview.needUrl')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {preview.error ? (
            <Alert
              type="error"
              showIcon
              data-testid="preview-problems"
              title={problems.length ? t('editors.preview.fix') : errorText(preview.error, lang)}
              description={
                problems.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {problems.map((p, i) => (
                      <li key={i}>
                        {typeof p.params?.line === 'number'
                          ? `${t('editors.preview.line', { line: p.params.line })}：${problemText(p, lang)}`
                          : placedProblemText(p, lang)}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          ) : null}
          {shown ? (
            <div style={preview.error ? { opacity: 0.55 } : undefined} aria-label={preview.error ? t('editors.preview.stale') : undefined}>
              <Typography.Paragraph style={{ marginBottom: 8, wordBreak: 'break-all' }} data-testid="preview-request-line">
                <Tag color="blue">{shown.method}</Tag>
                <Typography.Text code>{shown.url}</Typography.Text>
              </Typography.Paragraph>
              <Typography.Text strong>{t('editors.preview.headers')}</Typography.Text>
              <div data-testid="preview-headers" style={{ margin: '4px 0 8px' }}>
                <HeadersTable headers={shown.headers} />
              </div>
              <Typography.Text strong>{t('editors.preview.body')}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                <JsonBlock value={shown.body} testId="template-preview" />
              </div>
            </div>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
