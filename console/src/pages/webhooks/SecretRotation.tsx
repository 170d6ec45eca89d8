import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useFieldErrors } from '../../lib/form-errors';
import { fmtTime } from '../../lib/format';
import type { Webhook } from '../../lib/models';

/** 轮换密钥: a new secret signs from now on; the old one keeps signing for the grace period. */
export function SecretRotation({ webhook }: { webhook: Webhook }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const rotate = useMutation({
    mutationFn: (v: { secret: string; graceHours: number }) =>
      data(
        client.POST('/api/webhooks/{id}/rotate-secret', {
          params: { path: { id: webhook.id } },
          // No grace given: the server's default applies.
          body: { secret: v.secret, ...(v.graceHours == null ? {} : { graceSeconds: Math.round(v.graceHours * 3600) }) },
        }),
      ),
    onSuccess: (w) => {
      message.success(t('webhook.rotated'));
      queryClient.setQueryData(['webhook', w.id], w);
      setOpen(false);
      form.resetFields();
    },
    onError: (e) => applyFieldErrors(form, e, ['secret', 'graceHours'], (p) => (p === 'graceSeconds' ? ['graceHours'] : [p])),
  });
  return (
    <div style={{ marginBottom: 16 }}>
      {webhook.previousSecretExpiresAt ? (
        <Typography.Paragraph type="warning">{t('webhook.previousSecret', { until: fmtTime(webhook.previousSecretExpiresAt) })}</Typography.Paragraph>
      ) : null}
      {open ? (
        <Form form={form} layout="inline" onFinish={(v) => rotate.mutate(v)} component="div">
          <Flex gap={8} wrap align="start">
            <Form.Item name="secret" rules={[{ required: true, min: 8 }]}>
              <Input.Password placeholder={t('webhook.newSecret')} autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="graceHours" label={t('webhook.graceHours')}>
              <InputNumber min={0} max={720} placeholder={t('common.serverDefault')} />
            </Form.Item>
            <Button type="primary" onClick={() => form.submit()} loading={rotate.isPending}>
              {t('webhook.rotate')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      ) : (
        <Button onClick={() => setOpen(true)}>{t('webhook.rotateSecret')}</Button>
      )}
    </div>
  );
}
