import { ExportOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { HeraldForm } from '../../lib/models';
import { absoluteUrl } from './formUrl';
import { Can } from '../../lib/permissions';

/** The public link: copy, open (the real page), rotate. The page itself is previewed beside the editor. */
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
      <Flex gap={8} wrap style={{ marginBottom: form.enabled ? 0 : 12 }}>
        <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noreferrer">
          {t('forms.open')}
        </Button>
        <Can perm="forms:write">
          <Popconfirm title={t('forms.rotateConfirm')} onConfirm={() => rotate.mutate()}>
            <Button icon={<SyncOutlined />} loading={rotate.isPending}>
              {t('forms.rotateKey')}
            </Button>
          </Popconfirm>
        </Can>
      </Flex>
      {form.enabled ? null : <Alert type="warning" showIcon title={t('forms.disabledHint')} />}
    </Card>
  );
}
