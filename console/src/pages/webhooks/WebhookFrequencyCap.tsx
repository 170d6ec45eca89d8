import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Typography } from 'antd';
import { Link } from 'react-router';
import { FrequencyCapForm, type FrequencyCapBody } from '../../components/FrequencyCapForm';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';

/** A webhook's own frequency cap (高级设置), saved by itself: it applies in addition to the tenant's. */
export function WebhookFrequencyCap({ webhookId, transactional }: { webhookId?: number; transactional: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['frequency-cap', 'webhook', webhookId];
  const cap = useQuery({
    queryKey: key,
    queryFn: () => data(client.GET('/api/webhooks/{id}/frequency-cap', { params: { path: { id: webhookId! } } })),
    enabled: !!webhookId,
  });
  const save = useMutation({
    mutationFn: (body: FrequencyCapBody) => data(client.PUT('/api/webhooks/{id}/frequency-cap', { params: { path: { id: webhookId! } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      message.success(t('caps.saved'));
    },
  });
  return (
    <Form.Item label={t('caps.webhookTitle')} extra={transactional ? t('caps.webhookTransactional') : undefined}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('caps.webhookHint')}{' '}
        <Link to="/settings?tab=caps" style={{ textDecoration: 'underline' }}>
          {t('caps.tenantLink')}
        </Link>
      </Typography.Paragraph>
      {!webhookId ? (
        <Typography.Text type="secondary">{t('caps.webhookAfterSave')}</Typography.Text>
      ) : cap.data ? (
        <FrequencyCapForm cap={cap.data} save={save.mutateAsync} saving={save.isPending} idPrefix="webhook-cap" embedded />
      ) : null}
    </Form.Item>
  );
}
