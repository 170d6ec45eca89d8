import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Typography } from 'antd';
import { ReadOnlyNotice } from '../../components/Permitted';
import { FrequencyCapForm, type FrequencyCapBody } from '../../components/FrequencyCapForm';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';

/** 设置 › 频次上限: the tenant's cap over every marketing message, whatever the webhook. */
export function FrequencyCapSettings() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cap = useQuery({ queryKey: ['frequency-cap'], queryFn: () => data(client.GET('/api/frequency-caps')) });
  const save = useMutation({
    mutationFn: (body: FrequencyCapBody) => data(client.PUT('/api/frequency-caps', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['frequency-cap'], saved);
      message.success(t('caps.saved'));
    },
  });
  return (
    <>
      <ReadOnlyNotice perm="settings:write" />
      <Typography.Paragraph style={{ maxWidth: 720 }}>{t('caps.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
        {t('caps.scope')}
      </Typography.Paragraph>
      <QueryState query={cap}>
        {cap.data ? <FrequencyCapForm cap={cap.data} save={save.mutateAsync} saving={save.isPending} idPrefix="tenant-cap" /> : null}
      </QueryState>
    </>
  );
}
