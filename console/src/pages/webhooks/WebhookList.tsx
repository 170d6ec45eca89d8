import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Grid, Popconfirm, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { DeliveryStatus } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import type { WebhookListItem as Webhook } from '../../lib/models';
import { Can, useCan, useDeniedText } from '../../lib/permissions';
import { useKeyset } from '../../lib/useKeyset';
import { CircuitState } from './CircuitState';
import { SendMessageModal } from './SendMessageModal';
import { attemptResult } from '../../lib/attempt-result';

/** 设置 → Webhook 列表 */
export default function WebhookList() {
  const { t } = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useKeyset(['webhooks', 'list'], (after, signal) =>
    data(client.GET('/api/webhooks', { params: { query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const [sending, setSending] = useState<Webhook | null>(null);
  const can = useCan();
  const denied = useDeniedText();
  const mayWrite = can('webhooks:write');
  const maySend = can('sends:write') || can('webhooks:test');
  // On a phone the row is one column: the name, then its switch and actions under it.
  const narrow = !Grid.useBreakpoint().md;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const toggle = useMutation({
    mutationFn: (w: Webhook) => data(client.PATCH('/api/webhooks/{id}', { params: { path: { id: w.id } }, body: { enabled: !w.enabled } })),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: (w: Webhook) => data(client.DELETE('/api/webhooks/{id}', { params: { path: { id: w.id } } })),
    onSuccess: () => {
      message.success(t('common.deleted'));
      refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });

  const enabledSwitch = (w: Webhook) => (
    <Switch
      size="small"
      checked={w.enabled}
      loading={toggle.isPending && toggle.variables?.id === w.id}
      onChange={() => toggle.mutate(w)}
      disabled={!mayWrite}
      title={mayWrite ? (w.disabledReason ?? undefined) : denied}
      aria-label={`${t('webhooks.enabled')} ${w.name}`}
    />
  );
  const actions = (w: Webhook) => (
    <Flex gap={4} wrap>
      {maySend ? (
        <Button size="small" type="primary" ghost disabled={!w.enabled} onClick={() => setSending(w)} data-testid={`send-${w.id}`}>
          {t('webhooks.send')}
        </Button>
      ) : null}
      <Button size="small" onClick={() => navigate(`/deliveries?webhookId=${w.id}`)}>
        {t('webhooks.history')}
      </Button>
      <Can perm="webhooks:write">
        <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => remove.mutate(w)}>
          <Button size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Can>
    </Flex>
  );
  const name: TableColumnsType<Webhook>[number] = {
    // The name, with where it sends and how it is triggered under it: one column, so 操作 stays on screen.
    title: t('webhooks.name'),
    dataIndex: 'name',
    render: (_, w) => (
      <Flex vertical gap={2} style={{ minWidth: 0, maxWidth: narrow ? 'calc(100vw - 72px)' : 440 }}>
        <Link to={`/webhooks/${w.id}`}>{w.name}</Link>
        <Typography.Text type="secondary" ellipsis={{ tooltip: w.url }} style={{ fontSize: 12 }}>
          {w.method} {w.url}
        </Typography.Text>
        <Flex gap={8} align="center" wrap>
          {w.triggerType === 'event' ? (
            <Tag color="purple" title={w.events.join(', ')}>
              {t('webhooks.trigger.event')} · {w.events.length}
            </Tag>
          ) : (
            <Tag color="blue">{t('webhooks.trigger.manual')}</Tag>
          )}
          {narrow ? enabledSwitch(w) : null}
          {narrow ? <CircuitState webhook={w} /> : null}
        </Flex>
        {narrow ? <div style={{ marginTop: 6 }}>{actions(w)}</div> : null}
      </Flex>
    ),
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('webhooks.title')}
        </Typography.Title>
        <Can perm="webhooks:write">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/webhooks/new')}>
            {t('webhooks.new')}
          </Button>
        </Can>
      </Flex>
      <KeysetTable<Webhook>
        list={list}
        emptyText={t('webhooks.empty')}
        columns={
          narrow
            ? [name]
            : [
                name,
                {
                  title: t('webhooks.enabled'),
                  dataIndex: 'enabled',
                  render: (_, w) => (
                    <Flex vertical gap={4} align="start">
                      {enabledSwitch(w)}
                      <CircuitState webhook={w} />
                    </Flex>
                  ),
                },
                {
                  title: t('webhooks.lastOutcome'),
                  dataIndex: 'lastDelivery',
                  render: (d: Webhook['lastDelivery']) =>
                    d ? (
                      <Link to={`/deliveries/${d.id}`}>
                        <Flex vertical gap={2} align="start">
                          <span>
                            <DeliveryStatus status={d.status} />
                            {d.statusCode || d.errorClass ? (
                              <Tag color={d.errorClass ? 'error' : undefined}>{attemptResult(t, d.statusCode, d.errorClass)}</Tag>
                            ) : null}
                          </span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {fmtTime(d.at)}
                          </Typography.Text>
                        </Flex>
                      </Link>
                    ) : (
                      <Typography.Text type="secondary">{t('webhooks.neverSent')}</Typography.Text>
                    ),
                },
                { title: t('common.actions'), key: 'actions', width: 260, render: (_, w) => actions(w) },
              ]
        }
      />
      {sending ? (
        <SendMessageModal
          webhook={sending}
          onClose={() => {
            setSending(null);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
