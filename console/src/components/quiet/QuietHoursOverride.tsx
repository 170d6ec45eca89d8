import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { WriteScope } from '../Permitted';
import { describeWindows, NEW_WINDOW, type QuietWindow } from './quiet-windows';
import { QuietWindowsEditor } from './QuietWindowsEditor';

type Mode = 'inherit' | 'custom' | 'unrestricted';

/**
 * A webhook's or a journey's quiet hours: 沿用全局 / 自定义 / 不限制, saved on its own (it sits inside the
 * webhook form, so it is no form itself). Shows what "inherit" means: the tenant's windows.
 */
export function QuietHoursOverride({ scope, id, transactional }: { scope: 'webhook' | 'journey'; id?: number; transactional?: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const mayWrite = useCan()('settings:write');
  const queryClient = useQueryClient();
  const key = ['quiet-hours-override', scope, id];
  const current = useQuery({
    queryKey: key,
    enabled: !!id,
    queryFn: ({ signal }) =>
      scope === 'webhook'
        ? data(client.GET('/api/quiet-hours/webhooks/{id}', { params: { path: { id: id! } }, signal }))
        : data(client.GET('/api/quiet-hours/journeys/{id}', { params: { path: { id: id! } }, signal })),
  });
  const [mode, setMode] = useState<Mode>('inherit');
  const [windows, setWindows] = useState<QuietWindow[]>([NEW_WINDOW]);
  // The saved setting fills the choice until the marketer changes it: a refetch landing after a click
  // must not put the old choice back (a CI run saved 沿用全局 after 不限制 was clicked).
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (!current.data || edited) return;
    setMode(current.data.mode);
    setWindows(current.data.windows.length ? current.data.windows : current.data.tenant.windows);
  }, [current.data, edited]);
  const save = useMutation({
    mutationFn: async () => {
      const path = { params: { path: { id: id! } } };
      if (mode === 'inherit') {
        await data(scope === 'webhook' ? client.DELETE('/api/quiet-hours/webhooks/{id}', path) : client.DELETE('/api/quiet-hours/journeys/{id}', path));
        return;
      }
      const body = mode === 'custom' ? { mode, windows } : { mode };
      await data(
        scope === 'webhook' ? client.PUT('/api/quiet-hours/webhooks/{id}', { ...path, body }) : client.PUT('/api/quiet-hours/journeys/{id}', { ...path, body }),
      );
    },
    onSuccess: () => {
      message.success(t('quiet.saved'));
      setEdited(false);
      queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(errorText(e)),
  });

  if (!id) return <Typography.Text type="secondary">{t('quiet.saveFirst')}</Typography.Text>;
  if (transactional) return <Typography.Text type="secondary">{t('quiet.transactionalHint')}</Typography.Text>;
  const tenant = current.data?.tenant;
  return (
    <WriteScope perm="settings:write">
      <div data-testid={`quiet-override-${scope}`}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t(`quiet.overrideHint.${scope}`)}
        </Typography.Paragraph>
        <Radio.Group
          aria-label={t('quiet.override')}
          value={mode}
          onChange={(e) => {
            setEdited(true);
            setMode(e.target.value as Mode);
          }}
          optionType="button"
          options={(['inherit', 'custom', 'unrestricted'] as const).map((m) => ({ value: m, label: t(`quiet.mode.${m}`) }))}
          style={{ marginBottom: 12 }}
        />
        {mode === 'inherit' && tenant ? (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={tenant.enabled ? t('quiet.summaryOn', { windows: describeWindows(tenant.windows, t), zone: tenant.timeZone }) : t('quiet.summaryOff')}
          />
        ) : null}
        {mode === 'custom' ? (
          <QuietWindowsEditor
            value={windows}
            onChange={(w) => {
              setEdited(true);
              setWindows(w);
            }}
            testId={`quiet-windows-${scope}`}
          />
        ) : null}
        {mode === 'unrestricted' ? <Alert type="warning" style={{ marginBottom: 12 }} title={t('quiet.unrestrictedHint')} /> : null}
        {mayWrite ? (
          <Flex justify="flex-start" style={{ marginTop: 12 }}>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={mode === 'custom' && !windows.length} data-testid={`save-quiet-${scope}`}>
              {t('quiet.saveOverride')}
            </Button>
          </Flex>
        ) : null}
      </div>
    </WriteScope>
  );
}
