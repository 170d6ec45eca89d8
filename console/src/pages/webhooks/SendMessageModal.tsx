import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CustomerPicker } from '../../components/CustomerPicker';
import { DeliveryDetailView } from '../../components/DeliveryDetailView';
import { ErrorAlert } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useFieldErrors } from '../../lib/form-errors';
import type { DeliveryDetail, WebhookListItem } from '../../lib/models';
import { useCan } from '../../lib/permissions';
import { useGroups } from '../../lib/useLookups';

type Mode = 'group' | 'test';

/** 发送消息: 群发 to a group (now or 定时发送) or 测试发送 to one customer, as in DM Hub. */
export function SendMessageModal({ webhook, onClose }: { webhook: Pick<WebhookListItem, 'id' | 'name' | 'triggerType'>; onClose: () => void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const applyFieldErrors = useFieldErrors();
  const can = useCan();
  // A role offers only the sends it may make: a marketer both, someone with only 测试发送 just that.
  const modes = (['group', 'test'] as const).filter((m) => can(m === 'group' ? 'sends:write' : 'webhooks:test'));
  const preferred: Mode = webhook.triggerType === 'manual' ? 'group' : 'test';
  const [mode, setMode] = useState<Mode>(modes.includes(preferred) || !modes.length ? preferred : modes[0]);
  const [groupForm] = Form.useForm();
  const [testForm] = Form.useForm();
  const [result, setResult] = useState<DeliveryDetail | null>(null);
  // API messages that name no field of the form (e.g. webhookId: an event webhook), shown above it.
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const groupId = Form.useWatch('groupId', groupForm);
  const when = Form.useWatch('when', groupForm);
  const scheduledAt = Form.useWatch('scheduledAt', groupForm) as Dayjs | undefined;

  const groups = useGroups();
  const group = useQuery({
    queryKey: ['group', groupId],
    queryFn: () => data(client.GET('/api/groups/{id}', { params: { path: { id: groupId } } })),
    enabled: !!groupId,
  });

  // "企业微信群机器人 → 高活跃会员 · 12月5日 14:30": what a send is called unless the marketer names it.
  const groupName = groups.data?.items.find((g) => g.id === groupId)?.name;
  const sendTime = when === 'later' && scheduledAt ? scheduledAt : dayjs();
  const defaultName = `${webhook.name} → ${groupName ?? '…'} · ${sendTime.format(t('sends.nameTime'))}`;

  const queryClient = useQueryClient();
  const massSend = useMutation({
    mutationFn: (v: { groupId: number; when: 'now' | 'later'; scheduledAt?: Dayjs; name?: string }) =>
      data(
        client.POST('/api/broadcasts', {
          body: {
            webhookId: webhook.id,
            groupId: v.groupId,
            name: v.name?.trim() || defaultName,
            // The picker works in the browser's zone; the API takes UTC ISO-8601.
            ...(v.when === 'later' && v.scheduledAt ? { scheduledAt: v.scheduledAt.toDate().toISOString() } : {}),
          },
        }),
      ),
    onSuccess: (b) => {
      onClose();
      navigate(`/sends/${b.id}`);
    },
    onError: (e) => setUnplaced(applyFieldErrors(groupForm, e, ['groupId', 'scheduledAt', 'name'])),
  });
  const testSend = useMutation({
    mutationFn: (v: { customerId: number }) => data(client.POST('/api/webhooks/{id}/test', { params: { path: { id: webhook.id } }, body: v })),
    onSuccess: (result) => {
      setResult(result);
      // The list shows each webhook's last message: this one, now.
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
    onError: (e) => setUnplaced(applyFieldErrors(testForm, e, ['customerId'])),
  });

  return (
    <Modal open title={`${t('send.title')} · ${webhook.name}`} onCancel={onClose} footer={null} width={result ? 960 : 560} destroyOnHidden>
      <Segmented<Mode>
        block
        value={mode}
        onChange={(m) => {
          setMode(m);
          setResult(null);
          setUnplaced([]);
        }}
        options={modes.map((m) => ({ label: t(m === 'group' ? 'send.group' : 'send.test'), value: m }))}
        style={{ marginBottom: 16, ...(modes.length < 2 ? { display: 'none' } : {}) }}
      />
      {mode === 'group' ? (
        webhook.triggerType === 'event' ? (
          <Alert type="info" showIcon title={t('send.eventWebhook')} />
        ) : (
          <Form
            form={groupForm}
            layout="vertical"
            initialValues={{ when: 'now' }}
            // Enter in a box (the time picker's above all) confirms that box only: the send starts on its button alone.
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
            }}
            onFinish={(v) => {
              setUnplaced([]);
              massSend.mutate(v);
            }}
          >
            <ErrorAlert error={unplaced.length ? unplaced : null} />
            <Form.Item name="groupId" label={t('send.toGroup')} rules={[{ required: true, message: t('send.groupRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={groups.isPending}
                placeholder={t('send.pickGroup')}
                options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
                data-testid="group-select"
              />
            </Form.Item>
            {groupId ? (
              <Typography.Paragraph type="secondary" data-testid="member-count">
                {group.isPending ? t('common.loading') : t('send.memberCount', { n: group.data?.memberCount ?? 0 })}
              </Typography.Paragraph>
            ) : null}
            <Form.Item name="name" label={t('sends.nameLabel')} extra={t('sends.nameHint')} rules={[{ max: 200 }]}>
              <Input placeholder={defaultName} maxLength={200} data-testid="send-name" />
            </Form.Item>
            <Form.Item name="when" label={t('send.when')}>
              <Radio.Group
                options={[
                  { value: 'now', label: t('send.now') },
                  { value: 'later', label: t('send.scheduled') },
                ]}
              />
            </Form.Item>
            {when === 'later' ? (
              <Form.Item
                name="scheduledAt"
                label={t('send.scheduledAt', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
                rules={[{ required: true, message: t('send.timeRequired') }]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm:ss' }}
                  format="YYYY-MM-DD HH:mm:ss"
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  style={{ width: '100%' }}
                  data-testid="schedule-picker"
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" loading={massSend.isPending} block data-testid="submit-group-send">
              {when === 'later' ? t('send.schedule') : t('send.sendNow')}
            </Button>
          </Form>
        )
      ) : (
        <>
          <Form
            form={testForm}
            layout="vertical"
            onFinish={(v) => {
              setResult(null);
              setUnplaced([]);
              testSend.mutate(v);
            }}
          >
            <ErrorAlert error={unplaced.length ? unplaced : null} />
            <Form.Item
              name="customerId"
              label={t('send.customer')}
              rules={[{ required: true, message: t('send.customerRequired') }]}
              extra={t('send.customerHint')}
            >
              <CustomerPicker />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={testSend.isPending} block data-testid="submit-test-send">
              {t('send.sendTest')}
            </Button>
          </Form>
          {result ? (
            <div style={{ marginTop: 16 }} data-testid="test-result">
              <Typography.Title level={5}>{t('send.testResult')}</Typography.Title>
              <DeliveryDetailView detail={result} onChanged={setResult} />
            </div>
          ) : null}
        </>
      )}
    </Modal>
  );
}
