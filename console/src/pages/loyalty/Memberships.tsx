import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Select, Typography } from 'antd';
import { Link } from 'react-router';
import { useState } from 'react';
import { CustomerPicker } from '../../components/CustomerPicker';
import { KeysetTable } from '../../components/KeysetTable';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import type { Membership } from '../../lib/models';
import { useGroups } from '../../lib/useLookups';
import { useKeyset } from '../../lib/useKeyset';
import { useLevels } from './useLevels';
import { useCan } from '../../lib/permissions';
import { ContactValue } from '../../components/Permitted';

export function Memberships() {
  const { t } = useT();
  const mayWrite = useCan()('loyalty:write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const levels = useLevels();
  const [levelFilter, setLevelFilter] = useState<number>();
  const errorText = useErrorText();
  const list = useKeyset(['loyalty', 'memberships', levelFilter], (after, signal) =>
    data(client.GET('/api/loyalty/memberships', { params: { query: { levelId: levelFilter, after: after ? Number(after) : undefined } }, signal })),
  );
  const groups = useGroups();
  const [customerId, setCustomerId] = useState<number>();
  const [groupId, setGroupId] = useState<number>();
  const levelName = new Map((levels.data?.items ?? []).map((l) => [l.id, l.name]));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['loyalty'] });
  const onError = (e: Error) => message.error(errorText(e));
  const changeLevel = useMutation({
    mutationFn: (v: { id: number; levelId: number }) =>
      data(client.PATCH('/api/loyalty/memberships/{id}', { params: { path: { id: v.id } }, body: { levelId: v.levelId } })),
    onSuccess: (r) => {
      message.success(r.event ? t('loyalty.levelChanged', { event: r.event }) : t('common.saved'));
      refresh();
    },
    onError,
  });
  const enrol = useMutation({
    mutationFn: (body: { customerId?: number; groupId?: number }) => data(client.POST('/api/loyalty/memberships', { body })),
    onSuccess: (r) => {
      // {groupId} answers a report; {customerId} the membership made.
      message.success('enrolled' in r ? t('loyalty.enrolledGroup', { n: r.enrolled, skipped: r.alreadyMembers }) : t('loyalty.enrolled'));
      setCustomerId(undefined);
      setGroupId(undefined);
      refresh();
    },
    onError,
  });
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {mayWrite ? (
          <>
            <div style={{ width: 260 }}>
              <CustomerPicker value={customerId} onChange={setCustomerId} />
            </div>
            <Button disabled={!customerId} onClick={() => enrol.mutate({ customerId })} loading={enrol.isPending && !!enrol.variables?.customerId}>
              {t('loyalty.enrol')}
            </Button>
            <Select
              placeholder={t('send.pickGroup')}
              aria-label={t('send.pickGroup')}
              value={groupId}
              onChange={setGroupId}
              style={{ width: 200 }}
              allowClear
              options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
            <Button disabled={!groupId} onClick={() => enrol.mutate({ groupId })} loading={enrol.isPending && !!enrol.variables?.groupId}>
              {t('loyalty.enrolGroup')}
            </Button>
          </>
        ) : null}
        <Select
          placeholder={t('loyalty.filterLevel')}
          aria-label={t('loyalty.filterLevel')}
          value={levelFilter}
          onChange={setLevelFilter}
          allowClear
          style={{ width: 160 }}
          options={(levels.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
        />
      </Flex>
      <KeysetTable<Membership>
        list={list}
        emptyText={t('loyalty.noMembers')}
        size="small"
        columns={[
          { responsive: ['md'], title: 'ID', dataIndex: 'id' },
          {
            title: t('customers.name'),
            key: 'name',
            render: (_, m) => <Link to={`/customers/${m.customerId}`}>{m.customer?.name ?? `#${m.customerId}`}</Link>,
          },
          { responsive: ['md'], title: t('customers.mobile'), key: 'mobile', render: (_, m) => <ContactValue value={m.customer?.mobile} empty="—" /> },
          {
            title: t('loyalty.level'),
            dataIndex: 'levelId',
            render: (levelId, m) =>
              !mayWrite ? (
                (levelName.get(levelId) ?? levelId)
              ) : (
                <Select
                  size="small"
                  aria-label={`${t('loyalty.level')} · ${m.customer?.name ?? m.customerId}`}
                  value={levelId}
                  style={{ width: 120 }}
                  loading={changeLevel.isPending && changeLevel.variables?.id === m.id}
                  onChange={(v) => changeLevel.mutate({ id: m.id, levelId: v })}
                  options={(levels.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
                  labelRender={() => levelName.get(levelId) ?? levelId}
                />
              ),
          },
          { title: t('loyalty.points'), dataIndex: 'points' },
          { responsive: ['md'], title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('loyalty.levelHint')}
      </Typography.Paragraph>
    </>
  );
}
