import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { QueryState } from '../../components/QueryState';
import { QuietWindowsEditor } from '../../components/quiet/QuietWindowsEditor';
import { timeZones } from '../../components/quiet/quiet-windows';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { toNamePath, useFieldErrors } from '../../lib/form-errors';
import type { Schemas } from '../../lib/models';
import { ReadOnlyNotice } from '../../components/Permitted';
import { useCan } from '../../lib/permissions';

type Settings = Schemas['TenantQuietHoursDto'];

/** 设置 › 免打扰时段: the tenant's quiet hours (time zone, weekdays, windows). */
export default function QuietHoursTab() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const applyFieldErrors = useFieldErrors();
  const [form] = Form.useForm<Settings>();
  const mayWrite = useCan()('settings:write');
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const settings = useQuery({ queryKey: ['quiet-hours'], queryFn: ({ signal }) => data(client.GET('/api/quiet-hours', { signal })) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ enabled: settings.data.enabled, timeZone: settings.data.timeZone, windows: settings.data.windows });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (body: Settings) => data(client.PUT('/api/quiet-hours', { body })),
    onSuccess: (saved) => {
      message.success(t('quiet.saved'));
      queryClient.setQueryData(['quiet-hours'], saved);
      queryClient.invalidateQueries({ queryKey: ['quiet-hours-override'] });
    },
    onError: (e) => {
      // A window's problem (windows[0].start) shows under the whole editor.
      const rest = applyFieldErrors(form, e, ['enabled', 'timeZone', 'windows'], (p) => (p.startsWith('windows') ? ['windows'] : toNamePath(p)));
      if (rest.length) message.error(rest.join('；'));
    },
  });
  return (
    <QueryState query={settings}>
      <ReadOnlyNotice perm="settings:write" />
      <Alert type="info" showIcon title={t('quiet.intro')} style={{ marginBottom: 16, maxWidth: 760 }} />
      {settings.data?.enabled ? (
        <Alert
          type={settings.data.opensAt ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16, maxWidth: 760 }}
          data-testid="quiet-now"
          title={settings.data.opensAt ? t('quiet.closedNow', { time: dayjs(settings.data.opensAt).format('MM-DD HH:mm') }) : t('quiet.openNow')}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 760 }} disabled={!mayWrite} data-testid="quiet-hours-form">
        <Form.Item name="enabled" label={t('quiet.enabled')} valuePropName="checked" extra={t('quiet.enabledHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="timeZone" label={t('quiet.timeZone')} rules={[{ required: true }]}>
          <Select showSearch options={zones} style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="windows" label={t('quiet.windows')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <QuietWindowsEditor testId="quiet-windows" />
        </Form.Item>
        {mayWrite ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-quiet-hours">
            {t('quiet.save')}
          </Button>
        ) : null}
      </Form>
    </QueryState>
  );
}
