import { ExportOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { HeraldForm } from '../../lib/models';
import { absoluteUrl } from './formUrl';

/** The public link (copy, open, rotate) and the micro-page itself in a phone-sized frame. */
export function FormLinkCard({ form }: { form: HeraldForm }) {
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const url = absoluteUrl(form.publicUrl);
  const rotate = useMutation({
    mutationFn: () => data(client.POST('/api/forms/{id}/rotate-key', { params: { path: { id: form.id } } })),
    onSuccess: (f) => {
      queryClient.setQueryData(['form', f.id], f);
      queryClient.invalidateQueries({ queryKey: ['forms'] });
      message.success(t('forms.rotated'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Card size="small" title={t('forms.publicLink')}>
      <Typography.Paragraph copyable={{ text: url }} code style={{ wordBreak: 'break-all' }} data-testid="form-public-url">
        {url}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noreferrer">
          {t('forms.open')}
        </Button>
        <Popconfirm title={t('forms.rotateConfirm')} onConfirm={() => rotate.mutate()}>
          <Button icon={<SyncOutlined />} loading={rotate.isPending}>
            {t('forms.rotateKey')}
          </Button>
        </Popconfirm>
      </Flex>
      {form.enabled ? null : <Alert type="warning" showIcon title={t('forms.disabledHint')} style={{ marginBottom: 12 }} />}
      <Typography.Text type="secondary">{t('forms.preview')}</Typography.Text>
      {/* The page as a visitor sees it (a real submission here counts like any other). Reloaded when the form changes. */}
      <iframe
        key={form.updatedAt + form.key}
        src={url}
        title={t('forms.preview')}
        data-testid="form-preview"
        style={{ display: 'block', width: '100%', maxWidth: 390, height: 560, border: '1px solid #d0d7de', borderRadius: 12, marginTop: 8, background: '#fff' }}
      />
    </Card>
  );
}
