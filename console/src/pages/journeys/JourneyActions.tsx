import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Tooltip } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { Journey } from '../../lib/models';
import { showSaved } from '../../lib/saved';
import { useDeleteRecord } from '../../lib/useRecordPage';
import { useCan } from '../../lib/permissions';

type Action = 'activate' | 'pause' | 'resume' | 'archive';

/** 启用 / 暂停 / 恢复 / 归档 (each confirmed), and deleting a draft. Unsaved edits must be saved first. */
export function JourneyActions({ journey, dirty }: { journey: Journey; dirty: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const mayWrite = useCan()('journeys:write');
  const act = useMutation({
    // resume is activate on a paused journey (README: `activate` on a paused journey resumes it).
    mutationFn: (a: Action) => {
      const path = { params: { path: { id: journey.id } } };
      return data(
        a === 'pause'
          ? client.POST('/api/journeys/{id}/pause', path)
          : a === 'archive'
            ? client.POST('/api/journeys/{id}/archive', path)
            : client.POST('/api/journeys/{id}/activate', path),
      );
    },
    onSuccess: async (j, a) => {
      await showSaved(queryClient, ['journey', j.id], j);
      queryClient.invalidateQueries({ queryKey: ['journeys'] });
      message.success(t(`journey.done.${a}` as MessageKey));
    },
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useDeleteRecord(() => data(client.DELETE('/api/journeys/{id}', { params: { path: { id: journey.id } } })), {
    key: ['journeys'],
    path: '/journeys',
  });
  const s = journey.status;
  if (!mayWrite) return null;
  const actions: Action[] = s === 'draft' ? ['activate'] : s === 'active' ? ['pause', 'archive'] : s === 'paused' ? ['resume', 'archive'] : [];
  const button = (a: Action) => (
    <Popconfirm key={a} title={t(`journey.confirm.${a}` as MessageKey)} onConfirm={() => act.mutate(a)} disabled={dirty}>
      <Tooltip title={dirty ? t('journey.saveFirst') : undefined}>
        <Button
          type={a === 'activate' || a === 'resume' ? 'primary' : 'default'}
          danger={a === 'archive'}
          disabled={dirty}
          loading={act.isPending && act.variables === a}
          data-testid={`journey-${a}`}
        >
          {t(`journey.action.${a}` as MessageKey)}
        </Button>
      </Tooltip>
    </Popconfirm>
  );
  return (
    <Flex gap={8} wrap>
      {actions.map(button)}
      {s === 'draft' ? (
        <Popconfirm title={t('journey.confirm.delete')} onConfirm={() => remove.mutate()}>
          <Button danger loading={remove.isPending}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}
