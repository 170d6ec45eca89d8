import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { FrequencyCapSettings } from './FrequencyCapSettings';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useFieldErrors } from '../../lib/form-errors';
import type { ApiKey, ConsoleUser } from '../../lib/models';
import { fmtTime } from '../../lib/format';
import { useMe } from '../../lib/session';
import QuietHoursTab from './QuietHoursTab';

export default function Settings() {
  const { t } = useT();
  const [params] = useSearchParams();
  return (
    <>
      <Typography.Title level={4}>{t('settings.title')}</Typography.Title>
      <Tabs
        defaultActiveKey={params.get('tab') ?? undefined}
        items={[
          { key: 'keys', label: t('settings.apiKeys'), children: <ApiKeys /> },
          { key: 'users', label: t('settings.users'), children: <ConsoleUsers /> },
          { key: 'quiet', label: t('quiet.tab'), children: <QuietHoursTab /> },
          { key: 'caps', label: t('caps.tab'), children: <FrequencyCapSettings /> },
        ]}
      />
    </>
  );
}

function ApiKeys() {
  const { t } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => data(client.GET('/api/api-keys', { params: { query: { limit: 1000 } } })) });
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const errorText = useErrorText();
  const [issued, setIssued] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: { name: string }) => data(client.POST('/api/api-keys', { body: v })),
    onSuccess: (k) => {
      setIssued(k.key);
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (e) => applyFieldErrors(form, e, ['name']),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      message.success(t('settings.revoked'));
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t('settings.keyName')} maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('settings.createKey')}
        </Button>
      </Form>
      <QueryState query={keys} empty={!keys.data?.items.length}>
        <Table<ApiKey>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={keys.data?.items}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('settings.keyName'), dataIndex: 'name' },
            { responsive: ['md'], title: t('settings.prefix'), dataIndex: 'prefix', render: (p) => <code>{p}…</code> },
            { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
            { responsive: ['md'], title: t('settings.lastUsed'), dataIndex: 'lastUsedAt', render: fmtTime },
            {
              title: t('settings.state'),
              dataIndex: 'revokedAt',
              render: (r) => (r ? <Tag>{t('settings.revokedAt', { at: fmtTime(r) })}</Tag> : <Tag color="success">{t('settings.active')}</Tag>),
            },
            {
              title: '',
              key: 'revoke',
              render: (_, k) =>
                k.revokedAt ? null : (
                  <Popconfirm title={t('settings.revokeConfirm')} onConfirm={() => revoke.mutate(k.id)}>
                    <Button size="small" danger>
                      {t('settings.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </QueryState>
      <Modal
        open={!!issued}
        title={t('settings.keyCreated')}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('settings.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid="issued-key">
          {issued}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function ConsoleUsers() {
  const { t } = useT();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['console-users'], queryFn: () => data(client.GET('/api/console-users')) });
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const errorText = useErrorText();
  const create = useMutation({
    mutationFn: (v: { email: string; password: string; name?: string }) =>
      data(client.POST('/api/console-users', { body: { ...v, name: v.name || undefined } })),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: ['console-users'] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, ['email', 'password', 'name']);
      if (rest.length) message.error(rest.join('; '));
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/console-users/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console-users'] }),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="email" rules={[{ required: true, type: 'email' }]}>
          <Input placeholder={t('login.email')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name">
          <Input placeholder={t('settings.userName')} />
        </Form.Item>
        <Form.Item name="password" rules={[{ required: true, min: 8 }]}>
          <Input.Password placeholder={t('login.password')} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('settings.addUser')}
        </Button>
      </Form>
      <QueryState query={users} empty={!users.data?.items.length}>
        <Table<ConsoleUser>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={users.data?.items}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('login.email'), dataIndex: 'email' },
            { title: t('settings.userName'), dataIndex: 'name', render: (n) => n ?? '—' },
            { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
            { responsive: ['md'], title: t('settings.lastLogin'), dataIndex: 'lastLoginAt', render: fmtTime },
            {
              title: '',
              key: 'delete',
              render: (_, u) =>
                u.id === me.data?.user?.id ? (
                  <Tag>{t('settings.you')}</Tag>
                ) : (
                  <Popconfirm title={t('settings.deleteUserConfirm')} onConfirm={() => remove.mutate(u.id)}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
