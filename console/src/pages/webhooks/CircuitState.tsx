import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Tag, Tooltip } from 'antd';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { Can } from '../../lib/permissions';
import { fmtTime } from '../../lib/format';
import type { WebhookListItem } from '../../lib/models';

/**
 * The webhook's circuit breaker: nothing while closed; 已熔断 (open) or 试探中 (half open) with why
 * and since when, and a button to close it by hand.
 */
export function CircuitState({ webhook }: { webhook: Pick<WebhookListItem, 'id' | 'circuit'> }) {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const close = useMutation({
    mutationFn: () => data(client.POST('/api/webhooks/{id}/circuit/close', { params: { path: { id: webhook.id } } })),
    onSuccess: () => {
      message.success(t('circuit.closed'));
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      void queryClient.invalidateQueries({ queryKey: ['webhook', webhook.id] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const c = webhook.circuit;
  if (!c || c.state === 'closed') return null;
  const detail = [c.reason, c.openedAt ? t('circuit.since', { time: fmtTime(c.openedAt) }) : null, t('circuit.failures', { n: c.failures })]
    .filter(Boolean)
    .join(' · ');
  return (
    <Flex gap={4} align="center" wrap data-testid={`circuit-${webhook.id}`}>
      <Tooltip title={detail}>
        <Tag color={c.state === 'open' ? 'error' : 'warning'}>{t(c.state === 'open' ? 'circuit.open' : 'circuit.halfOpen')}</Tag>
      </Tooltip>
      <Can perm="webhooks:write">
        <Popconfirm title={t('circuit.closeConfirm')} onConfirm={() => close.mutate()}>
          <Button size="small" loading={close.isPending} data-testid={`circuit-close-${webhook.id}`}>
            {t('circuit.close')}
          </Button>
        </Popconfirm>
      </Can>
    </Flex>
  );
}
