import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CustomerPicker } from '../../components/CustomerPicker';
import { KeysetTable } from '../../components/KeysetTable';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n';
import { asBody, client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { problemsByPath, problemsOf } from '../../lib/form-errors';
import type { Customer, Schemas } from '../../lib/models';
import { useKeyset } from '../../lib/useKeyset';
import { useDeleteRecord } from '../../lib/useRecordPage';
import { RuleBuilder, type Rule } from '../../components/rule/RuleBuilder';
import { RuleCount } from './RuleCount';
import { useRuleCount } from './useRuleCount';
import { Can, useCan } from '../../lib/permissions';
import { ContactValue, WriteScope } from '../../components/Permitted';

export default function GroupDetail() {
  const id = Number(useParams().id);
  const { t, lang } = useT();
  const mayWrite = useCan()('groups:write');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const group = useQuery({ queryKey: ['group', id], queryFn: () => data(client.GET('/api/groups/{id}', { params: { path: { id } } })) });
  const members = useKeyset(['group', id, 'members'], (after, signal) =>
    data(client.GET('/api/groups/{id}/members', { params: { path: { id }, query: { after: after ? Number(after) : undefined } }, signal })),
  );
  const [picked, setPicked] = useState<number>();
  const [rule, setRule] = useState<Rule>();
  useEffect(() => {
    if (group.data?.type === 'dynamic') setRule(group.data.rule as Rule);
  }, [group.data]);
  const count = useRuleCount(group.data?.type === 'dynamic' ? rule : undefined);
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['group', id] });
    queryClient.invalidateQueries({ queryKey: ['groups'] });
  };
  const onError = (e: Error) => message.error(errorText(e));
  const add = useMutation({
    mutationFn: (customerId: number) => data(client.POST('/api/groups/{id}/members', { params: { path: { id } }, body: { customerIds: [customerId] } })),
    onSuccess: (r) => {
      message.success(r.added ? t('groups.added') : t('groups.alreadyMember'));
      setPicked(undefined);
      refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (customerId: number) => data(client.POST('/api/groups/{id}/members/remove', { params: { path: { id } }, body: { customerIds: [customerId] } })),
    onSuccess: () => {
      message.success(t('groups.removed'));
      refresh();
    },
    onError,
  });
  const saveRule = useMutation({
    mutationFn: () => data(client.PATCH('/api/groups/{id}', { params: { path: { id } }, body: asBody<Schemas['UpdateGroupDto']>({ rule }) })),
    onSuccess: () => {
      message.success(t('common.saved'));
      refresh();
    },
  });
  const removeGroup = useDeleteRecord(() => data(client.DELETE('/api/groups/{id}', { params: { path: { id } } })), { key: ['groups'], path: '/groups' });
  const saveErrors = problemsByPath(problemsOf(saveRule.error), lang);

  return (
    <QueryState query={group}>
      {group.data ? (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {group.data.name} <Tag color={group.data.type === 'dynamic' ? 'purple' : 'blue'}>{t(`groups.type.${group.data.type}` as never)}</Tag>
            </Typography.Title>
            <Can perm="groups:write">
              <Popconfirm title={t('groups.deleteConfirm')} onConfirm={() => removeGroup.mutate()}>
                <Button danger>{t('common.delete')}</Button>
              </Popconfirm>
            </Can>
          </Flex>
          <Typography.Text>{group.data.description}</Typography.Text>
          <Typography.Text strong data-testid="group-member-count">
            {t('send.memberCount', { n: group.data.memberCount ?? 0 })}
          </Typography.Text>
          {group.data.type === 'dynamic' && rule ? (
            <Card size="small" title={t('groups.rule')}>
              <WriteScope perm="groups:write">
                <RuleBuilder value={rule} onChange={setRule} errors={{ ...count.errors, ...saveErrors }} />
              </WriteScope>
              <Flex gap={12} align="center" style={{ marginTop: 8 }} wrap>
                <RuleCount state={count} />
                {mayWrite ? (
                  <Button type="primary" onClick={() => saveRule.mutate()} loading={saveRule.isPending}>
                    {t('common.save')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          ) : !mayWrite ? null : (
            <Card size="small" title={t('groups.addMember')}>
              <Flex gap={8}>
                <CustomerPicker value={picked} onChange={setPicked} />
                <Button type="primary" disabled={!picked} loading={add.isPending} onClick={() => picked && add.mutate(picked)}>
                  {t('common.add')}
                </Button>
              </Flex>
            </Card>
          )}
          <Card size="small" title={t('groups.members')}>
            <KeysetTable<Customer>
              list={members}
              emptyText={t('groups.noMembers')}
              size="small"
              columns={[
                {
                  title: t('customers.name'),
                  dataIndex: 'name',
                  render: (n: string | null, c: Customer) => <Link to={`/customers/${c.id}`}>{n ?? `#${c.id}`}</Link>,
                },
                { responsive: ['md'], title: t('customers.wechat'), dataIndex: 'wechatNickname' },
                { title: t('customers.mobile'), dataIndex: 'mobile', render: (m: string | null) => <ContactValue value={m} /> },
                { responsive: ['md'], title: t('customers.activityScore'), dataIndex: 'activityScore' },
                ...(group.data.type === 'static' && mayWrite
                  ? [
                      {
                        title: '',
                        key: 'remove',
                        render: (_: unknown, c: Customer) => (
                          <Button size="small" danger onClick={() => remove.mutate(c.id)}>
                            {t('groups.remove')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Flex>
      ) : null}
    </QueryState>
  );
}
