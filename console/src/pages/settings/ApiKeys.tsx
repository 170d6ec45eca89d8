import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useFieldErrors } from '../../lib/form-errors';
import { fmtTime } from '../../lib/format';
import type { ApiKey } from '../../lib/models';
import { useAccess } from './access';
import { ScopePicker } from './ScopePicker';
import { narrowest, scopeWords, type Scope } from './scopes';

interface CreateValues {
  name: string;
  scopes: Scope[];
  expires?: Dayjs | null;
}

/** API 密钥: list (scopes in words, expiry, last use), create with scopes and an expiry (the key shown once), revoke. */
export function ApiKeys() {
  const { t } = useT();
  const { message } = App.useApp();
  const { can } = useAccess();
  const writable = can('keys:write');
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => data(client.GET('/api/api-keys', { params: { query: { limit: 1000 } } })) });
  const [form] = Form.useForm<CreateValues>();
  const [creating, setCreating] = useState(false);
  const applyFieldErrors = useFieldErrors();
  const errorText = useErrorText();
  const [issued, setIssued] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      data(
        client.POST('/api/api-keys', {
          // The picked day, to its end in the browser's zone.
          body: { name: v.name, scopes: narrowest(v.scopes), expiresAt: v.expires ? v.expires.endOf('day').toISOString() : undefined },
        }),
      ),
    onSuccess: (k) => {
      setCreating(false);
      setIssued(k.key);
      form.resetFields();
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, ['name', 'scopes'], (path) => (path === 'expiresAt' ? ['expires'] : [path.split(/[.[]/)[0]]));
      setCreateError(rest.length ? rest.join('; ') : null);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      message.success(t('settings.revoked'));
      queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const now = Date.now();
  return (
    <>
      {writable ? (
        <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }} data-testid="create-key">
          {t('keys.create')}
        </Button>
      ) : (
        <Alert type="info" showIcon title={t('team.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <QueryState query={keys} empty={!keys.data?.items.length}>
        <Table<ApiKey>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={keys.data?.items}
          scroll={{ x: 'max-content' }}
          data-testid="keys-table"
          columns={[
            {
              title: t('settings.keyName'),
              key: 'name',
              render: (_, k) => (
                <Flex vertical>
                  <span>{k.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <code>{k.prefix}…</code>
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('keys.scopes'),
              key: 'scopes',
              render: (_, k) => (
                <Flex wrap gap={4} style={{ maxWidth: 320 }} data-testid={`scopes-${k.id}`}>
                  {scopeWords(k.scopes, t).map((w) => (
                    <Tag key={w} color={k.scopes.includes('admin') ? 'warning' : undefined} style={{ marginInlineEnd: 0 }}>
                      {w}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            {
              title: t('keys.expiresAt'),
              dataIndex: 'expiresAt',
              render: (at: string | null) =>
                at ? (
                  <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(at).slice(0, 16)}</span>
                ) : (
                  <Typography.Text type="secondary">{t('keys.never')}</Typography.Text>
                ),
            },
            { responsive: ['md'], title: t('settings.lastUsed'), dataIndex: 'lastUsedAt', render: fmtTime },
            {
              title: t('settings.state'),
              key: 'state',
              render: (_, k) =>
                k.revokedAt ? (
                  <Tag>{t('settings.revokedAt', { at: fmtTime(k.revokedAt) })}</Tag>
                ) : k.expiresAt && new Date(k.expiresAt).getTime() <= now ? (
                  <Tag color="error">{t('keys.expired')}</Tag>
                ) : (
                  <Tag color="success">{t('settings.active')}</Tag>
                ),
            },
            {
              title: '',
              key: 'revoke',
              render: (_, k) =>
                k.revokedAt || !writable ? null : (
                  <Popconfirm title={t('settings.revokeConfirm')} onConfirm={() => revoke.mutate(k.id)}>
                    <Button size="small" danger data-testid={`revoke-${k.id}`}>
                      {t('settings.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </QueryState>
      <Modal
        open={creating}
        title={t('keys.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('settings.createKey')}
        confirmLoading={create.isPending}
        width={640}
        destroyOnHidden
      >
        {createError ? <Alert type="error" showIcon title={createError} style={{ marginBottom: 12 }} /> : null}
        <Form<CreateValues>
          form={form}
          layout="vertical"
          initialValues={{ scopes: [] }}
          onFinish={(v) => {
            setCreateError(null);
            create.mutate(v);
          }}
          data-testid="key-form"
        >
          <Form.Item name="name" label={t('settings.keyName')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('keys.scopes')}
            rules={[{ validator: (_, v: Scope[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('keys.chooseScopes')))) }]}
          >
            <ScopePicker />
          </Form.Item>
          <Form.Item name="expires" label={t('keys.expiresAt')} extra={t('keys.expiryHelp')}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%', maxWidth: 240 }} placeholder={t('keys.never')} />
          </Form.Item>
        </Form>
      </Modal>
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
        <Typography.Text type="secondary">{t('keys.copyHint')}</Typography.Text>
      </Modal>
    </>
  );
}
