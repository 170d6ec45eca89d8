import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import type { Customer } from '../../lib/models';

type OptOut = Pick<Customer, 'unsubscribedAt' | 'unsubscribedVia'>;

/** 已退订: the tag beside a customer's name, with when and how in its tooltip (and in the tag itself where there is room). */
export function UnsubscribedTag({ customer, detailed = false }: { customer: OptOut; detailed?: boolean }) {
  const { t } = useT();
  if (!customer.unsubscribedAt) return null;
  const since = t('optout.since', {
    time: dayjs(customer.unsubscribedAt).format('YYYY-MM-DD HH:mm'),
    via: customer.unsubscribedVia ? t(`optout.via.${customer.unsubscribedVia}` as MessageKey) : '',
  });
  return (
    <Tooltip title={since}>
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="customer-unsubscribed">
        {detailed ? since : t('optout.unsubscribed')}
      </Tag>
    </Tooltip>
  );
}

/** 退订 / 恢复订阅 on the customer's page, each confirmed first: the customer's consent is not undone by a stray click. */
export function SubscriptionButton({ customer, name }: { customer: OptOut & { id: number }; name: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const unsubscribed = !!customer.unsubscribedAt;
  const change = useMutation({
    mutationFn: () =>
      data(
        unsubscribed
          ? client.POST('/api/customers/{id}/resubscribe', { params: { path: { id: customer.id } } })
          : client.POST('/api/customers/{id}/unsubscribe', { params: { path: { id: customer.id } } }),
      ),
    onSuccess: () => {
      message.success(t(unsubscribed ? 'optout.resubscribedDone' : 'optout.unsubscribedDone'));
      void queryClient.invalidateQueries({ queryKey: ['customer', customer.id] });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Popconfirm
      title={t(unsubscribed ? 'optout.resubscribeConfirm' : 'optout.unsubscribeConfirm', { name })}
      description={<div style={{ maxWidth: 300 }}>{t(unsubscribed ? 'optout.resubscribeHint' : 'optout.unsubscribeHint')}</div>}
      onConfirm={() => change.mutate()}
    >
      <Button icon={unsubscribed ? <UndoOutlined /> : <StopOutlined />} loading={change.isPending} data-testid="customer-subscription">
        {t(unsubscribed ? 'optout.resubscribe' : 'optout.unsubscribe')}
      </Button>
    </Popconfirm>
  );
}
