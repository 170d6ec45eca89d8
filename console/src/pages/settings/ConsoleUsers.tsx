import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { ApiError, client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useFieldErrors } from '../../lib/form-errors';
import { fmtTime } from '../../lib/format';
import type { ConsoleUser } from '../../lib/models';
import { ME_KEY } from '../../lib/session';
import { consoleUserViewRoleValues } from '../../api/schema';
import { useAccess } from './access';

type Role = ConsoleUser['role'];
const ROLES: readonly Role[] = consoleUserViewRoleValues;
const ROLE_COLOR: Record<Role, string> = { owner: 'purple', admin: 'blue', marketer: 'success', analyst: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useT();
  return <Tag color={ROLE_COLOR[role]}>{t(`role.${role}`)}</Tag>;
}

/** A role with the one line that says what it may do: the choice is made knowing it. */
function RoleOption({ role }: { role: Role }) {
  const { t } = useT();
  return (
    <Flex vertical style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>
      <span>{t(`role.${role}`)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`role.${role}.help`)}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 控制台用户: who may sign in, their role and last sign-in; add one with a role, change a role, remove.
 * Owners only are offered owner controls (making an owner, changing or removing one).
 */
export function ConsoleUsers() {
  const { t } = useT();
  const { message } = App.useApp();
  const { me, can, isOwner } = useAccess();
  const writable = can('users:write');
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['console-users'], queryFn: () => data(client.GET('/api/console-users', { params: { query: { limit: 1000 } } })) });
  const [form] = Form.useForm();
  const applyFieldErrors = useFieldErrors();
  const errorTextOf = useErrorText();
  // An owner-only refusal says so in words, not as a permission name.
  const errorText = (e: unknown) =>
    e instanceof ApiError && e.body.code === 'forbidden' && e.body.params?.permission === 'owner' ? t('team.ownerOnly') : errorTextOf(e);
  const [editing, setEditing] = useState<ConsoleUser | null>(null);
  const [role, setRole] = useState<Role>('marketer');
  const offered = ROLES.filter((r) => r !== 'owner' || isOwner);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['console-users'] });

  const create = useMutation({
    mutationFn: (v: { email: string; password: string; name?: string; role: Role }) =>
      data(client.POST('/api/console-users', { body: { ...v, name: v.name || undefined } })),
    onSuccess: () => {
      message.success(t('team.userAdded'));
      form.resetFields();
      refresh();
    },
    onError: (e) => {
      const rest = applyFieldErrors(form, e, ['email', 'password', 'name', 'role']);
      if (rest.length) message.error(rest.map((r) => (r === errorTextOf(e) ? errorText(e) : r)).join('; '));
    },
  });
  const changeRole = useMutation({
    mutationFn: (v: { id: number; role: Role }) => data(client.PATCH('/api/console-users/{id}', { params: { path: { id: v.id } }, body: { role: v.role } })),
    onSuccess: (u) => {
      message.success(t('team.roleChanged'));
      setEditing(null);
      refresh();
      // My own role changed: what the console offers changes with it.
      if (u.id === me?.user?.id) queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => data(client.DELETE('/api/console-users/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      message.success(t('team.userRemoved'));
      refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });

  /** An owner's row is an owner's to change; one's own row is changed (to step down) but not removed. */
  const mayChange = (u: ConsoleUser) => writable && (u.role !== 'owner' || isOwner);
  return (
    <>
      {writable ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ role: 'marketer' }}
          onFinish={(v) => create.mutate(v)}
          style={{ marginBottom: 16, rowGap: 8 }}
          data-testid="add-user-form"
        >
          <Form.Item name="email" rules={[{ required: true, type: 'email' }]}>
            <Input placeholder={t('login.email')} aria-label={t('login.email')} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder={t('settings.userName')} aria-label={t('settings.userName')} />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, min: 8 }]}>
            <Input.Password placeholder={t('login.password')} aria-label={t('login.password')} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" rules={[{ required: true }]}>
            <Select
              aria-label={t('team.role')}
              style={{ width: 150 }}
              popupMatchSelectWidth={320}
              optionLabelProp="title"
              options={offered.map((r) => ({ value: r, title: t(`role.${r}`), label: <RoleOption role={r} /> }))}
              data-testid="new-user-role"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="add-user">
            {t('settings.addUser')}
          </Button>
        </Form>
      ) : (
        <Alert type="info" showIcon title={t('team.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <QueryState query={users} empty={!users.data?.items.length}>
        <Table<ConsoleUser>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={users.data?.items}
          scroll={{ x: 'max-content' }}
          data-testid="users-table"
          onRow={(u) => ({ 'data-testid': `user-${u.email}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('login.email'),
              key: 'email',
              render: (_, u) => (
                <Flex vertical>
                  <span>{u.email}</span>
                  {u.name ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.name}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('team.role'),
              key: 'role',
              render: (_, u) => (
                <Space size={4}>
                  <RoleTag role={u.role} />
                  {u.id === me?.user?.id ? <Tag>{t('settings.you')}</Tag> : null}
                </Space>
              ),
            },
            { responsive: ['md'], title: t('settings.lastLogin'), dataIndex: 'lastLoginAt', render: fmtTime },
            { responsive: ['lg'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
            {
              title: '',
              key: 'actions',
              render: (_, u) =>
                mayChange(u) ? (
                  <Space size={4}>
                    <Button
                      size="small"
                      onClick={() => {
                        changeRole.reset();
                        setRole(u.role);
                        setEditing(u);
                      }}
                      data-testid={`change-role-${u.id}`}
                    >
                      {t('team.changeRole')}
                    </Button>
                    {u.id === me?.user?.id ? null : (
                      <Popconfirm title={t('settings.deleteUserConfirm')} onConfirm={() => remove.mutate(u.id)}>
                        <Button size="small" danger data-testid={`remove-user-${u.id}`}>
                          {t('team.remove')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
      </QueryState>
      <Modal
        open={!!editing}
        title={editing ? t('team.changeRoleFor', { email: editing.email }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => editing && changeRole.mutate({ id: editing.id, role })}
        okText={t('common.save')}
        okButtonProps={{ disabled: !editing || role === editing.role }}
        confirmLoading={changeRole.isPending}
        destroyOnHidden
      >
        {changeRole.error ? <Alert type="error" showIcon title={errorText(changeRole.error)} style={{ marginBottom: 12 }} data-testid="role-error" /> : null}
        {editing?.id === me?.user?.id ? <Alert type="warning" showIcon title={t('team.selfRoleWarning')} style={{ marginBottom: 12 }} /> : null}
        <Radio.Group value={role} onChange={(e) => setRole(e.target.value)} aria-label={t('team.role')} data-testid="role-choice">
          <Flex vertical gap={10}>
            {offered.map((r) => (
              <Radio key={r} value={r}>
                <RoleOption role={r} />
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Modal>
    </>
  );
}
